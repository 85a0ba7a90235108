package dev.orderflow.order.adapter.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The outbox relay as Lambda runs it: a DynamoDB Streams event (the outbox table's new items) through the
 * deployed handler, the events on a real Kafka broker, and failures reported per record so the stream
 * trigger retries from the first one that was not acknowledged.
 */
class OrderEventRelayFunctionTest {

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static LambdaFunctions lambda;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.createTopics(List.of("order-events"), 3);
        lambda = new LambdaFunctions(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:9",
                "orderflow.kafka.properties[request.timeout.ms]", "2000",
                "orderflow.kafka.properties[delivery.timeout.ms]", "3000"));
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void relaysEveryNewOutboxItemToItsTopicKeyedByOrder() {
        JsonNode response = lambda.invoke("relayOrderEvents", "dynamodb-outbox-stream.json", e -> {});

        assertThat(response.get("batchItemFailures")).isEmpty();
        List<ConsumerRecord<String, String>> records = consume(2);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("ord-a", "ord-b");
        ConsumerRecord<String, String> first = records.stream()
                .filter(r -> r.key().equals("ord-a"))
                .findFirst()
                .orElseThrow();
        JsonNode event = LambdaFunctions.JSON.readTree(first.value());
        assertThat(event.get("id").stringValue()).isEqualTo("6f1c2d3e-0000-4000-8000-00000000000a");
        assertThat(event.get("type").stringValue()).isEqualTo("dev.orderflow.order.created.v1");
        assertThat(event.get("data").get("orderId").stringValue()).isEqualTo("ord-a");
        assertThat(new String(first.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .isEqualTo("6f1c2d3e-0000-4000-8000-00000000000a");
    }

    /** A record that is no event can never be sent: passed, so the events behind it (other orders') are not held back. */
    @Test
    void anOutboxRecordThatIsNoEventIsPassedAndTheEventsAfterItAreRelayed() {
        JsonNode response = lambda.invoke("relayOrderEvents", "dynamodb-outbox-stream.json", e -> {
            var records = (tools.jackson.databind.node.ArrayNode) e.get("Records");
            var broken = records.get(0).deepCopy();
            ((tools.jackson.databind.node.ObjectNode) broken.get("dynamodb").get("NewImage")).remove("payload");
            ((tools.jackson.databind.node.ObjectNode) broken.get("dynamodb"))
                    .put("SequenceNumber", "100000000000000000000");
            records.insert(0, broken);
        });

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(consume(2)).extracting(ConsumerRecord::key).contains("ord-a", "ord-b");
    }

    @Test
    void reportsTheFirstRecordAsFailedWhenKafkaIsDown() {
        lambda.invoke("relayOrderEvents", "dynamodb-outbox-stream.json", e -> {});
        kafka.stop();
        try {
            JsonNode response = lambda.invoke("relayOrderEvents", "dynamodb-outbox-stream.json", e -> {});

            assertThat(response.get("batchItemFailures")).hasSize(1);
            assertThat(response.get("batchItemFailures")
                            .get(0)
                            .get("itemIdentifier")
                            .stringValue())
                    .isEqualTo("100000000000000000001");
        } finally {
            kafka.start();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(int expected) {
        return TopicReader.await(kafka.bootstrapServers(), "order-events", expected);
    }
}
