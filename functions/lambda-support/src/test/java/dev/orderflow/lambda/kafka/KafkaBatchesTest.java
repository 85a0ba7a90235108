package dev.orderflow.lambda.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class KafkaBatchesTest {

    private final MockProducer<String, String> broker =
            new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    private final List<String> metrics = new ArrayList<>();
    private final KafkaBatches batches = new KafkaBatches(
            new EventProducer(broker),
            3,
            Duration.ofSeconds(1),
            new dev.orderflow.lambda.metrics.Metrics("test", metrics::add, Clock.systemUTC()));
    private final List<String> handled = new ArrayList<>();

    @Test
    void aPoisonRecordIsDeadLetteredAtOnceWithItsRootCauseOnOneLine() {
        int[] calls = {0};
        KafkaBatchResponse response =
                batches.process(batch(Map.of("order-events-0", List.of(record(0, 7, "garbage")))), value -> {
                    calls[0]++;
                    throw new IllegalStateException("listener", new PoisonMessage("not JSON:\n  unexpected character"));
                });

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(calls[0]).isEqualTo(1);
        ProducerRecord<String, String> dead = broker.history().get(0);
        assertThat(dead.topic()).isEqualTo("order-events.dlq");
        assertThat(dead.value()).isEqualTo("garbage");
        assertThat(header(dead, "x-exception-message")).isEqualTo("PoisonMessage: not JSON: unexpected character");
        assertThat(header(dead, "x-original-offset")).isEqualTo("7");
        assertThat(metrics)
                .singleElement()
                .asString()
                .contains("\"DeadLetters\":1.0")
                .contains("\"Topic\":\"order-events\"");
    }

    @Test
    void aTransientFailureThatPassesIsRetriedAndNothingIsDeadLettered() {
        int[] calls = {0};
        KafkaBatchResponse response =
                batches.process(batch(Map.of("order-events-0", List.of(record(0, 1, "a")))), value -> {
                    if (++calls[0] < 3) {
                        throw SdkClientException.create(
                                "Unable to execute HTTP request", new ConnectException("refused"));
                    }
                    handled.add(value);
                });

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("a");
        assertThat(broker.history()).isEmpty();
    }

    @Test
    void aTransientFailureThatOutlastsTheBudgetIsHandedBackWithoutBlockingOtherPartitions() {
        Map<String, List<KafkaEventRecord>> records = new LinkedHashMap<>();
        records.put("order-events-0", List.of(record(0, 5, "stuck"), record(0, 6, "after-stuck")));
        records.put("order-events-1", List.of(record(1, 9, "other")));

        KafkaBatchResponse response = batches.process(batch(records), value -> {
            if (value.startsWith("stuck")) {
                throw SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused"));
            }
            handled.add(value);
        });

        assertThat(response.batchItemFailures())
                .extracting(KafkaBatchResponse.BatchItemFailure::itemIdentifier)
                .containsExactly(new KafkaBatchResponse.ItemIdentifier("order-events-0", 5));
        assertThat(handled).containsExactly("other");
        assertThat(broker.history()).isEmpty();
    }

    @Test
    void anUnexpectedFailureIsTriedAFewTimesThenDeadLettered() {
        int[] calls = {0};
        KafkaBatchResponse response =
                batches.process(batch(Map.of("order-events-0", List.of(record(0, 3, "b")))), value -> {
                    calls[0]++;
                    throw new NullPointerException("orderItems");
                });

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(calls[0]).isEqualTo(3);
        assertThat(header(broker.history().get(0), "x-exception-fqcn")).isEqualTo(NullPointerException.class.getName());
    }

    @Test
    void aDeadLetterThatCannotBeWrittenIsHandedBack() {
        var unreachable = new MockProducer<String, String>(false, null, new StringSerializer(), new StringSerializer());
        var failing = new KafkaBatches(
                new EventProducer(unreachable),
                3,
                Duration.ofMillis(300),
                new dev.orderflow.lambda.metrics.Metrics("test", metrics::add, Clock.systemUTC()));
        new Thread(() -> {
                    org.awaitility.Awaitility.await()
                            .until(() -> !unreachable.history().isEmpty());
                    unreachable.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));
                })
                .start();

        KafkaBatchResponse response =
                failing.process(batch(Map.of("order-events-2", List.of(record(2, 4, "garbage")))), value -> {
                    throw new PoisonMessage("not JSON");
                });

        assertThat(response.batchItemFailures())
                .extracting(KafkaBatchResponse.BatchItemFailure::itemIdentifier)
                .containsExactly(new KafkaBatchResponse.ItemIdentifier("order-events-2", 4));
    }

    @Test
    void aBatchHandledTogetherTouchesNoRecordAlone() {
        List<List<String>> runs = new ArrayList<>();
        var records = new LinkedHashMap<String, List<KafkaEventRecord>>();
        records.put("order-events-1", List.of(record(1, 5, "c")));
        records.put("order-events-0", List.of(record(0, 2, "b"), record(0, 1, "a")));

        KafkaBatchResponse response = batches.process(
                batch(records),
                values -> {
                    runs.add(values);
                    return KafkaBatches.Progress.all(values.size());
                },
                handled::add);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(runs).containsExactly(List.of("c", "a", "b"));
        assertThat(handled).isEmpty();
    }

    @Test
    void fromWhereTheBatchStoppedEveryRecordGoesAloneWithTheFailureRulesOfOneRecord() {
        var records = new LinkedHashMap<String, List<KafkaEventRecord>>();
        records.put("order-events-0", List.of(record(0, 1, "a"), record(0, 2, "poison"), record(0, 3, "c")));
        records.put("order-events-1", List.of(record(1, 7, "d")));

        KafkaBatchResponse response = batches.process(
                batch(records),
                values -> new KafkaBatches.Progress(1, new PoisonMessage("not an order event")),
                value -> {
                    if (value.equals("poison")) {
                        throw new PoisonMessage("not an order event");
                    }
                    handled.add(value);
                });

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("c", "d");
        assertThat(broker.history())
                .singleElement()
                .satisfies(dead -> assertThat(dead.value()).isEqualTo("poison"));
    }

    @Test
    void aBatchHandlerThatThrowsLeavesEveryRecordToThePathOfOne() {
        KafkaBatchResponse response = batches.process(
                batch(Map.of("order-events-0", List.of(record(0, 1, "a"), record(0, 2, "b")))),
                values -> {
                    throw SdkClientException.create("DynamoDB did not answer");
                },
                handled::add);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("a", "b");
    }

    @Test
    void aRecordStillFailingAfterTheBatchIsHandedBackWithItsPartitionsLaterRecords() {
        var records = new LinkedHashMap<String, List<KafkaEventRecord>>();
        records.put("order-events-0", List.of(record(0, 1, "a"), record(0, 2, "b"), record(0, 3, "c")));
        records.put("order-events-1", List.of(record(1, 7, "d")));

        KafkaBatchResponse response = batches.process(
                batch(records),
                values ->
                        new KafkaBatches.Progress(1, new RuntimeException("wrapped", new ConnectException("refused"))),
                value -> {
                    if (value.equals("b")) {
                        throw new IllegalStateException("Kafka did not acknowledge", new ConnectException("refused"));
                    }
                    handled.add(value);
                });

        assertThat(response.batchItemFailures())
                .containsExactly(KafkaBatchResponse.BatchItemFailure.of("order-events-0", 2));
        assertThat(handled).containsExactly("d");
        assertThat(broker.history()).isEmpty();
    }

    private static KafkaEvent batch(Map<String, List<KafkaEventRecord>> records) {
        var event = new KafkaEvent();
        event.setRecords(records);
        return event;
    }

    private static KafkaEventRecord record(int partition, long offset, String value) {
        var record = new KafkaEventRecord();
        record.setTopic("order-events");
        record.setPartition(partition);
        record.setOffset(offset);
        record.setKey(Base64.getEncoder().encodeToString("ord-1".getBytes(StandardCharsets.UTF_8)));
        record.setValue(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
