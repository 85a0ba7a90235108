package dev.orderflow.local.runner.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.local.infra.FreePorts;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.runner.lambda.Functions;
import dev.orderflow.local.runner.template.FunctionEnvironment;
import dev.orderflow.local.runner.template.TemplateFunctions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream trigger's batching window ({@code MaximumBatchingWindowInSeconds}) on the real DynamoDB-compatible server's
 * stream of the products table: what it reads within the window reaches the function in one invocation, a full
 * batch goes at once, and a record the function hands back is read again from there - none skipped, none lost.
 */
class DynamoDbStreamTriggerIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PRODUCTS = FunctionEnvironment.INVENTORY_TABLES.products();

    private final List<List<String>> invocations = new CopyOnWriteArrayList<>();
    private LocalDynamoDb store;
    private DynamoDbClient dynamo;
    private DynamoDbStreamsClient streams;
    private DynamoDbStreamTrigger trigger;

    /** A store of its own per test (in memory), so the stream holds this test's changes only. */
    @BeforeEach
    void startStore() {
        store = LocalDynamoDb.start(FreePorts.next(), null);
        dynamo = store.client();
        streams = LocalDynamoDb.streamsClient(store.endpoint());
        InventoryTables.createMissing(dynamo, FunctionEnvironment.INVENTORY_TABLES);
    }

    @AfterEach
    void stop() {
        if (trigger != null) {
            trigger.close();
        }
        streams.close();
        dynamo.close();
        store.close();
    }

    @Test
    void changesReadWithinTheWindowReachTheFunctionInOneInvocation() {
        start(100, Duration.ofSeconds(3), batch -> "{}");

        IntStream.range(0, 5).forEach(i -> put("sku-" + i));

        // the window runs from the first change read: nothing is handed over before it ends
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> invocations.isEmpty());
        await().atMost(Duration.ofSeconds(15)).until(() -> !invocations.isEmpty());
        assertThat(invocations)
                .containsExactly(IntStream.range(0, 5).mapToObj(i -> "sku-" + i).toList());
    }

    @Test
    void aFullBatchGoesWithoutWaitingForTheWindowToEnd() {
        start(3, Duration.ofMinutes(5), batch -> "{}");

        IntStream.range(0, 7).forEach(i -> put("sku-" + i));

        await().atMost(Duration.ofSeconds(15)).until(() -> invocations.size() == 2);
        assertThat(invocations)
                .containsExactly(
                        List.of("sku-" + 0, "sku-" + 1, "sku-" + 2), List.of("sku-" + 3, "sku-" + 4, "sku-" + 5));
    }

    @Test
    void aRecordHandedBackIsReadAgainFromThereWithTheRecordsAfterIt() {
        var handedBack = new AtomicBoolean();
        start(100, Duration.ofSeconds(2), batch -> {
            JsonNode third = batch.path("Records").path(2);
            if (third.isMissingNode() || !handedBack.compareAndSet(false, true)) {
                return "{}";
            }
            return "{\"batchItemFailures\":[{\"itemIdentifier\":\""
                    + third.path("dynamodb").path("SequenceNumber").asString() + "\"}]}";
        });

        IntStream.range(0, 5).forEach(i -> put("sku-" + i));

        await().atMost(Duration.ofSeconds(30)).until(() -> invocations.size() == 2);
        assertThat(invocations)
                .containsExactly(
                        IntStream.range(0, 5).mapToObj(i -> "sku-" + i).toList(),
                        List.of("sku-" + 2, "sku-" + 3, "sku-" + 4));
    }

    private void start(int batchSize, Duration window, Function<JsonNode, String> answer) {
        var source = new TemplateFunctions.StreamSource(
                "detectStockAlerts", "PRODUCTS_TABLE", Set.of("INSERT", "MODIFY"), batchSize, window);
        trigger = DynamoDbStreamTrigger.start(
                dynamo,
                streams,
                source,
                new Recording(answer),
                new StreamCheckpoints(null),
                DynamoDbStreamTrigger.LAMBDA_POLL);
    }

    private void put(String productId) {
        dynamo.putItem(p -> p.tableName(PRODUCTS)
                .item(Map.of(
                        "productId", AttributeValue.fromS(productId),
                        "available", AttributeValue.fromN("5"))));
    }

    /** A function that writes down the product ids of each batch it is given and answers as told. */
    private final class Recording implements Functions {

        private final Function<JsonNode, String> answer;

        Recording(Function<JsonNode, String> answer) {
            this.answer = answer;
        }

        @Override
        public byte[] invoke(String function, byte[] event) {
            JsonNode batch = JSON.readTree(event);
            invocations.add(batch.path("Records")
                    .valueStream()
                    .map(r -> r.path("dynamodb")
                            .path("Keys")
                            .path("productId")
                            .path("S")
                            .asString())
                    .toList());
            return answer.apply(batch).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] invokeBatch(String function, byte[] event, int records) {
            return invoke(function, event);
        }

        @Override
        public byte[] invokeWithin(String function, byte[] event, Duration maxWait) {
            return invoke(function, event);
        }
    }
}
