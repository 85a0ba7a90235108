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
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream trigger's batching window ({@code MaximumBatchingWindowInSeconds}) on the real DynamoDB-compatible server's
 * stream of the products table: what it reads within the window reaches the function in one invocation, a full
 * batch goes at once, and a record the function hands back is read again from there - none skipped, none lost; and
 * its pace: a poll that emptied the shard is followed by the next at the stream's rate, not at once.
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

    @Test
    void aPollThatEmptiedTheShardIsFollowedByTheNextAtTheStreamsRateNotAtOnce() {
        var polls = new PollLog(streams);
        streams = polls;
        start(100, Duration.ZERO, batch -> "{}");

        for (int i = 0; i < 5; i++) {
            put("sku-" + i);
            int handedOver = i + 1;
            await().atMost(Duration.ofSeconds(15)).until(() -> invocations.size() == handedOver);
        }
        // and a poll after the last one's
        await().atMost(Duration.ofSeconds(15)).until(() -> polls.last().records() == 0);

        List<PollLog.Poll> log = List.copyOf(polls.polls);
        List<Long> gapsAfterRecords = IntStream.range(0, log.size() - 1)
                .filter(i -> log.get(i).records() > 0)
                .mapToObj(i -> Duration.ofNanos(
                                log.get(i + 1).atNanos() - log.get(i).atNanos())
                        .toMillis())
                .toList();
        // each record was read alone, and the poll after it came at the stream's rate (250 ms), not at once
        assertThat(gapsAfterRecords)
                .hasSize(5)
                .allSatisfy(gap ->
                        assertThat(gap).isGreaterThanOrEqualTo(DynamoDbStreamTrigger.LAMBDA_POLL.toMillis() * 4 / 5));
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

    /** The store's stream as the trigger reads it, with when each GetRecords was asked and how many records it gave. */
    private static final class PollLog implements DynamoDbStreamsClient {

        record Poll(long atNanos, int records) {}

        private final DynamoDbStreamsClient streams;
        private final List<Poll> polls = new CopyOnWriteArrayList<>();

        PollLog(DynamoDbStreamsClient streams) {
            this.streams = streams;
        }

        Poll last() {
            return polls.isEmpty() ? new Poll(0, -1) : polls.get(polls.size() - 1);
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            long at = System.nanoTime();
            GetRecordsResponse response = streams.getRecords(request);
            polls.add(new Poll(at, response.records().size()));
            return response;
        }

        @Override
        public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
            return streams.describeStream(request);
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return streams.getShardIterator(request);
        }

        @Override
        public String serviceName() {
            return streams.serviceName();
        }

        @Override
        public void close() {
            streams.close();
        }
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
