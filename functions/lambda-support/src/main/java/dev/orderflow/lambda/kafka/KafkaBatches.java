package dev.orderflow.lambda.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;

/**
 * The MSK trigger's side of a Kafka-triggered function: a Lambda {@link KafkaEvent} (records of several
 * partitions, values base64-encoded) handed record by record, in offset order per partition, to the same
 * handler the Spring Cloud Stream binding calls locally.
 *
 * <p>A record that cannot be processed must not make the whole batch retry forever: a
 * {@link PoisonMessage} goes straight to the dead-letter topic, any other failure is retried a bounded
 * number of times and then dead-lettered, with the reason in the headers Spring Cloud Stream's binder uses
 * ({@code x-exception-message}, {@code x-exception-fqcn}, {@code x-original-topic},
 * {@code x-original-partition}, {@code x-original-offset}). Only when the dead-letter topic itself cannot be
 * written does the invocation fail, and the trigger redelivers the batch (handlers are idempotent).
 */
public final class KafkaBatches {

    private static final Logger log = LoggerFactory.getLogger(KafkaBatches.class);

    private final EventProducer producer;
    private final int attempts;

    public KafkaBatches(EventProducer producer, int attempts) {
        this.producer = producer;
        this.attempts = attempts;
    }

    /** The dead-letter topic of a topic. */
    public static String deadLetterTopic(String topic) {
        return topic + ".dlq";
    }

    public void process(KafkaEvent event, Consumer<String> handler) {
        if (event.getRecords() == null) {
            return;
        }
        for (Map.Entry<String, List<KafkaEventRecord>> partition : event.getRecords().entrySet()) {
            List<KafkaEventRecord> records = new ArrayList<>(partition.getValue());
            records.sort(Comparator.comparingLong(KafkaEventRecord::getOffset));
            for (KafkaEventRecord record : records) {
                processOne(record, handler);
            }
        }
    }

    private void processOne(KafkaEventRecord record, Consumer<String> handler) {
        String value = record.getValue() == null ? null : new String(Base64.getDecoder().decode(record.getValue()), StandardCharsets.UTF_8);
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                handler.accept(value);
                return;
            } catch (PoisonMessage e) {
                failure = e;
                break;
            } catch (RuntimeException e) {
                failure = e;
                log.warn("Record {}-{}@{} failed (attempt {} of {}): {}", record.getTopic(), record.getPartition(), record.getOffset(),
                        attempt, attempts, e.toString());
            }
        }
        deadLetter(record, value, failure);
    }

    private void deadLetter(KafkaEventRecord record, String value, RuntimeException failure) {
        String key = record.getKey() == null ? null : new String(Base64.getDecoder().decode(record.getKey()), StandardCharsets.UTF_8);
        var dead = new ProducerRecord<String, String>(deadLetterTopic(record.getTopic()), key, value);
        dead.headers()
                .add("x-exception-message", bytes(String.valueOf(failure.getMessage())))
                .add("x-exception-fqcn", bytes(failure.getClass().getName()))
                .add("x-original-topic", bytes(record.getTopic()))
                .add("x-original-partition", bytes(Integer.toString(record.getPartition())))
                .add("x-original-offset", bytes(Long.toString(record.getOffset())));
        try {
            producer.sendRaw(dead).get(30, TimeUnit.SECONDS);
            log.error("Record {}-{}@{} dead-lettered to {}: {}", record.getTopic(), record.getPartition(), record.getOffset(),
                    dead.topic(), failure.getMessage());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot dead-letter record " + record.getTopic() + "-" + record.getPartition()
                    + "@" + record.getOffset(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
