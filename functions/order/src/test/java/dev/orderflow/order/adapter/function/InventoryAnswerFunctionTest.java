package dev.orderflow.order.adapter.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
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
        lambda = new LambdaFunctions(Map.of("DYNAMODB_ENDPOINT", dynamo.endpoint().toString(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        kafka.close();
    }

    @Test
    void answerDecidesTheLinesAndAPoisonRecordIsDeadLettered() {
        JsonNode created = LambdaFunctions.JSON.readTree(lambda.invoke("createOrder", "api-create-order.json", e -> {
            e.put("body", "{\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":2},{\"productId\":\"sku-2\",\"quantity\":1}]}");
            ((ObjectNode) e.get("headers")).remove("idempotency-key");
        }).get("body").stringValue());
        String orderId = created.get("data").get("orderId").stringValue();

        lambda.invoke("onInventoryEventBatch", "msk-inventory-events.json", event -> withOrderId(event, orderId));

        JsonNode order = LambdaFunctions.JSON.readTree(lambda.invoke("getOrder", "api-get-order.json", e -> {
            ((ObjectNode) e.get("pathParameters")).put("orderId", orderId);
        }).get("body").stringValue()).get("data");
        assertThat(order.get("status").stringValue()).isEqualTo("PARTIALLY_CONFIRMED");
        assertThat(order.get("orderItems").findValuesAsString("status")).containsExactly("EXECUTED", "CANCELED");
        ConsumerRecord<String, String> dead = deadLetters();
        assertThat(new String(dead.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                .contains("unknown event type");
    }

    /** The event file names its order ORDER_ID; put the id of the order this test created there. */
    private static void withOrderId(ObjectNode event, String orderId) {
        for (JsonNode record : event.get("records").get("inventory-events-1")) {
            ObjectNode r = (ObjectNode) record;
            r.put("key", Base64.getEncoder().encodeToString(orderId.getBytes(StandardCharsets.UTF_8)));
            String value = new String(Base64.getDecoder().decode(r.get("value").stringValue()), StandardCharsets.UTF_8);
            r.put("value", Base64.getEncoder().encodeToString(value.replace("ORDER_ID", orderId).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static ConsumerRecord<String, String> deadLetters() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("inventory-events.dlq"));
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records.get(0);
    }
}
