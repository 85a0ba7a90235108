package dev.orderflow.benchmark.cost;

import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.lambda.LambdaProcess;
import dev.orderflow.local.lambda.RuntimeApiStandIn;
import dev.orderflow.local.lambda.SamFunctions;
import dev.orderflow.local.lambda.TaskRoot;
import dev.orderflow.local.triggers.TriggerEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import tools.jackson.databind.JsonNode;

/**
 * The functions an order touches, each in one warm Lambda environment (the deployment jar under the Runtime Interface
 * Client), and the sources between them: the outbox's and the products' streams, {@code order-events} and
 * {@code inventory-events}. {@link #drain} hands what the sources hold to the functions in batches of the size asked
 * (Kafka records per partition, as one poller per partition reads them) until nothing moves any more.
 */
final class Pipeline implements AutoCloseable {

    private final Map<String, Environment> environments = new LinkedHashMap<>();
    private final Map<String, Invocations> invocations = new LinkedHashMap<>();
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final Stream outbox;
    private final Stream products;
    private final KafkaConsumer<byte[], byte[]> orderEvents;
    private final KafkaConsumer<byte[], byte[]> inventoryEvents;
    private final String bootstrapServers;

    private record Environment(RuntimeApiStandIn runtimeApi, LambdaProcess process) {}

    /** One function's invocations in a run: how many, the records they were given, their billed milliseconds. */
    record Invocations(long count, long records, long billedMillis, double millis) {

        Invocations plus(long records, double millis) {
            return new Invocations(
                    count + 1, this.records + records, billedMillis + (long) Math.ceil(millis), this.millis + millis);
        }
    }

    private Pipeline(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String bootstrapServers) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.bootstrapServers = bootstrapServers;
        this.outbox = new Stream("order-outbox", Set.of("INSERT"));
        this.products = new Stream("inventory-products", Set.of("INSERT", "MODIFY"));
        this.orderEvents = consumer("order-events");
        this.inventoryEvents = consumer("inventory-events");
        products.take(); // the seeded products: not part of any order
    }

    static Pipeline start(
            Path repository,
            Path output,
            SamFunctions template,
            Map<String, String> local,
            LocalDynamoDb dynamo,
            String bootstrapServers)
            throws IOException {
        var pipeline = new Pipeline(dynamo.client(), LocalDynamoDb.streamsClient(dynamo.endpoint()), bootstrapServers);
        Map<String, Path> roots = Map.of(
                "order",
                TaskRoot.unpack(TaskRoot.deploymentJar(repository, "order"), output.resolve("task/order")),
                "inventory",
                TaskRoot.unpack(TaskRoot.deploymentJar(repository, "inventory"), output.resolve("task/inventory")));
        Files.createDirectories(output.resolve("logs"));
        for (String function : OrderCost.FUNCTIONS) {
            SamFunctions.Function deployed = template.serving(function).orElseThrow();
            Path root = deployed.codeUri().contains("inventory") ? roots.get("inventory") : roots.get("order");
            var runtimeApi = RuntimeApiStandIn.start(function);
            var process = LambdaProcess.start(
                    new LambdaProcess.Spec(
                            function,
                            root,
                            deployed.handler(),
                            deployed.environmentWith(local),
                            List.of(),
                            output.resolve("logs/" + function + ".log")),
                    runtimeApi);
            pipeline.environments.put(function, new Environment(runtimeApi, process));
            awaitInit(function, runtimeApi, process);
        }
        return pipeline;
    }

    /** One environment starting at a time: the runtime clients unpack their native library to the same place as they start. */
    private static void awaitInit(String function, RuntimeApiStandIn runtimeApi, LambdaProcess process) {
        long deadline = System.nanoTime() + OrderCost.timeout().toNanos();
        while (runtimeApi.firstPollNanos() == 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(function + " did not start:\n" + process.log());
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }

    void reset() {
        invocations.clear();
        OrderCost.FUNCTIONS.forEach(function -> invocations.put(function, new Invocations(0, 0, 0, 0)));
    }

    Map<String, Invocations> invocations() {
        return Map.copyOf(invocations);
    }

    /** Invokes the function once, timed as Lambda bills it; a function error or a reported failure ends the run. */
    JsonNode invoke(String function, byte[] event, long records) {
        Environment environment = environments.get(function);
        long started = System.nanoTime();
        RuntimeApiStandIn.Result result = environment.runtimeApi().invoke(event, OrderCost.timeout());
        double millis = (System.nanoTime() - started) / 1e6;
        if (!result.success()) {
            throw new IllegalStateException(function + " failed: " + result.body() + "\n"
                    + environment.process().log());
        }
        JsonNode response = OrderCost.JSON.readTree(result.payload());
        if (!response.path("batchItemFailures").isEmpty()) {
            throw new IllegalStateException(function + " handed records back: " + response + "\n"
                    + environment.process().log());
        }
        invocations.merge(function, new Invocations(0, 0, 0, 0), (now, none) -> now.plus(records, millis));
        return response;
    }

    /** Moves every record the sources hold to its function, {@code batch} at a time, until all orders are final and nothing moves. */
    void drain(int batch, int orders) {
        int quiet = 0;
        while (quiet < 3) {
            int moved = feedStream(outbox, "relayOrderEvents", batch)
                    + feedKafka(orderEvents, "onOrderEventBatch", batch)
                    + feedKafka(inventoryEvents, "onInventoryEventBatch", batch)
                    + feedStream(products, "detectStockAlerts", batch);
            quiet = moved == 0 ? quiet + 1 : 0;
        }
        long answers = invocations.get("onInventoryEventBatch").records();
        if (answers < orders) {
            throw new IllegalStateException(
                    "only " + answers + " answers reached Order Management for " + orders + " orders");
        }
    }

    private int feedStream(Stream stream, String function, int batch) {
        List<Record> records = stream.take();
        for (List<Record> chunk : OrderCost.chunks(records, batch)) {
            invoke(function, TriggerEvents.dynamoDbStream(chunk, stream.arn), chunk.size());
        }
        return records.size();
    }

    private int feedKafka(KafkaConsumer<byte[], byte[]> consumer, String function, int batch) {
        Map<Integer, List<TriggerEvents.KafkaRecord>> byPartition = new LinkedHashMap<>();
        int polled;
        int total = 0;
        do {
            polled = 0;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Map<String, byte[]> headers = new LinkedHashMap<>();
                record.headers().forEach(header -> headers.put(header.key(), header.value()));
                byPartition
                        .computeIfAbsent(record.partition(), p -> new ArrayList<>())
                        .add(new TriggerEvents.KafkaRecord(
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.timestamp(),
                                record.key(),
                                record.value(),
                                headers));
                polled++;
            }
            total += polled;
        } while (polled > 0);
        for (List<TriggerEvents.KafkaRecord> records : byPartition.values()) {
            for (List<TriggerEvents.KafkaRecord> chunk : OrderCost.chunks(records, batch)) {
                invoke(function, TriggerEvents.msk(chunk, bootstrapServers), chunk.size());
            }
        }
        return total;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "order-cost-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        var consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** A table's stream, read from where the last read ended (the local server keeps one shard per table). */
    private final class Stream {

        private final String arn;
        private final Set<String> eventNames;
        private String iterator;

        Stream(String table, Set<String> eventNames) {
            this.eventNames = eventNames;
            this.arn = dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn();
            String shard = streams.describeStream(d -> d.streamArn(arn))
                    .streamDescription()
                    .shards()
                    .get(0)
                    .shardId();
            this.iterator = streams.getShardIterator(
                            r -> r.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
        }

        List<Record> take() {
            List<Record> taken = new ArrayList<>();
            while (true) {
                String position = iterator;
                var page = streams.getRecords(r -> r.shardIterator(position).limit(1_000));
                iterator = page.nextShardIterator();
                page.records().stream()
                        .filter(r -> eventNames.contains(r.eventNameAsString()))
                        .forEach(taken::add);
                if (page.records().isEmpty()) {
                    return taken;
                }
            }
        }
    }

    @Override
    public void close() {
        orderEvents.close();
        inventoryEvents.close();
        environments.values().forEach(environment -> {
            environment.process().close();
            environment.runtimeApi().close();
        });
        streams.close();
        dynamo.close();
    }
}
