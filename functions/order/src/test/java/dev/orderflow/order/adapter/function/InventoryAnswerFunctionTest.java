package dev.orderflow.order.adapter.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import dev.orderflow.testing.MskRecords;
import dev.orderflow.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inventory's answers as Lambda delivers them to Order Management: an MSK batch ({@code eventSource:
 * aws:kafka}) through the deployed handler. A valid answer decides the order's lines; a record that is not
 * an answer goes to the dead-letter topic and does not stop the batch.
 */
class InventoryAnswerFunctionTest {

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static LocalDynamoDb dynamo;
    private static LambdaFunctions lambda;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.createTopics(List.of("order-events", "inventory-events", "inventory-events.dlq"), 3);
        dynamo = LocalDynamoDb.start(0, null);
        try (DynamoDbClient client = dynamo.client()) {
            OrderTables.createMissing(client, new OrderTableNames("orders", "order-outbox", "order-idempotency"));
        }
        lambda = new LambdaFunctions(Map.of(
                "DYNAMODB_ENDPOINT",
                dynamo.endpoint().toString(),
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        kafka.close();
    }

    @Test
    void answerDecidesTheLinesAndAPoisonRecordIsDeadLettered() {
        String orderId = placeOrder();

        lambda.invoke("onInventoryEventBatch", "msk-inventory-events.json", event -> withOrderId(event, orderId));

        JsonNode order = LambdaFunctions.JSON
                .readTree(lambda.invoke("getOrder", "api-get-order.json", e -> {
                            ((ObjectNode) e.get("pathParameters")).put("orderId", orderId);
                        })
                        .get("body")
                        .stringValue())
                .get("data");
        assertThat(order.get("status").stringValue()).isEqualTo("PARTIALLY_CONFIRMED");
        assertThat(order.get("orderItems").findValuesAsString("status")).containsExactly("EXECUTED", "CANCELED");
        ConsumerRecord<String, String> dead = deadLettersOf(orderId, 1).get(0);
        assertThat(new String(dead.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .contains("unknown event type");
    }

    /**
     * Kafka is a trust boundary: an answer is checked before it changes an order. Forged answers - for a version the
     * order never had, in Order Management's own name, about a product the order does not hold, with a quantity as
     * text - are dead-lettered and change nothing; the real answer that follows decides the order.
     */
    @Test
    void forgedAnswersAreDeadLetteredAndChangeNothing() {
        String orderId = placeOrder();
        String executedLines =
                "[{\"productId\":\"sku-1\",\"quantity\":2,\"status\":\"EXECUTED\"},{\"productId\":\"sku-2\",\"quantity\":1,\"status\":\"EXECUTED\"}]";

        lambda.invoke(
                "onInventoryEventBatch",
                "msk-inventory-events.json",
                event -> answers(
                        event,
                        orderId,
                        answer("/inventory", orderId, 99, executedLines),
                        answer("/oms/orders", orderId, 1, executedLines),
                        answer(
                                "/inventory",
                                orderId,
                                1,
                                "[{\"productId\":\"sku-9\",\"quantity\":2,\"status\":\"EXECUTED\"}]"),
                        answer(
                                "/inventory",
                                orderId,
                                1,
                                "[{\"productId\":\"sku-1\",\"quantity\":\"2\",\"status\":\"EXECUTED\"}]")));

        List<String> reasons = deadLettersOf(orderId, 4).stream()
                .map(r ->
                        new String(r.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .toList();
        assertThat(reasons)
                .anySatisfy(m -> assertThat(m).contains("answers a version the order never had"))
                .anySatisfy(m -> assertThat(m).contains("source: must be /inventory"))
                .anySatisfy(m -> assertThat(m).contains("sku-9 is no line of the order"))
                .anySatisfy(m -> assertThat(m).contains("quantity: must be a whole number"));
        assertThat(status(orderId)).as("nothing decided by a forgery").isEqualTo("PENDING");

        lambda.invoke(
                "onInventoryEventBatch",
                "msk-inventory-events.json",
                event -> answers(event, orderId, answer("/inventory", orderId, 1, executedLines)));
        assertThat(status(orderId)).isEqualTo("CONFIRMED");
    }

    /** An order of sku-1 (2) and sku-2 (1), placed through createOrder; its id. */
    private static String placeOrder() {
        JsonNode created = LambdaFunctions.JSON.readTree(lambda.invoke("createOrder", "api-create-order.json", e -> {
                    e.put(
                            "body",
                            "{\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":2},{\"productId\":\"sku-2\",\"quantity\":1}]}");
                    ((ObjectNode) e.get("headers")).remove("idempotency-key");
                })
                .get("body")
                .stringValue());
        return created.get("data").get("orderId").stringValue();
    }

    private static String answer(String source, String orderId, long version, String lines) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"" + source
                + "\",\"type\":\"dev.orderflow.inventory.reservation.v1\","
                + "\"subject\":\"" + orderId
                + "\",\"time\":\"2026-12-06T10:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":\""
                + orderId + "\",\"orderVersion\":" + version + ",\"action\":\"RESERVED\",\"orderItems\":" + lines
                + ",\"occurredAt\":\"2026-12-06T10:00:00Z\"}}";
    }

    /** The batch's records replaced by these values, keyed by the order, on one partition in this order. */
    private static void answers(ObjectNode event, String orderId, String... values) {
        MskRecords.replace(
                event, "inventory-events", 1, 500, Collections.nCopies(values.length, orderId), List.of(values));
    }

    private static String status(String orderId) {
        return LambdaFunctions.JSON
                .readTree(lambda.invoke("getOrder", "api-get-order.json", e -> {
                            ((ObjectNode) e.get("pathParameters")).put("orderId", orderId);
                        })
                        .get("body")
                        .stringValue())
                .get("data")
                .get("status")
                .stringValue();
    }

    /** The event file names its order ORDER_ID; put the id of the order this test created there. */
    private static void withOrderId(ObjectNode event, String orderId) {
        for (JsonNode record : event.get("records").get("inventory-events-1")) {
            ObjectNode r = (ObjectNode) record;
            r.put("key", Base64.getEncoder().encodeToString(orderId.getBytes(StandardCharsets.UTF_8)));
            String value = new String(Base64.getDecoder().decode(r.get("value").stringValue()), StandardCharsets.UTF_8);
            r.put(
                    "value",
                    Base64.getEncoder()
                            .encodeToString(value.replace("ORDER_ID", orderId).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(String orderId, int count) {
        return TopicReader.await(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                "test-",
                "inventory-events.dlq",
                record -> orderId.equals(record.key()),
                count,
                Duration.ofSeconds(30));
    }
}
