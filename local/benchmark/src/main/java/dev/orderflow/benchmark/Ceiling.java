package dev.orderflow.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.orderflow.local.infra.KafkaTopics;
import dev.orderflow.local.infra.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What the stores allow, measured on the system's own DynamoDB server and Kafka broker with the same kind
 * of client: the rate at which DynamoDB completes the operations one order needs (the same transactions and
 * reads the pipeline makes, 7 calls), and the Kafka produce -> consume round trip.
 */
final class Ceiling {

    /** Orders per second DynamoDB sustains for the pipeline's operations; Kafka round-trip latency and rate. */
    record Result(double dynamoOrdersPerSecond, int threads, double kafkaMessagesPerSecond, Histogram kafkaRoundTrip) {
    }

    static Result measure(SystemUnderTest system, Duration duration, int threads) throws Exception {
        double dynamo = dynamoDbOrdersPerSecond(URI.create(system.dynamoDb()), duration, threads);
        System.out.printf("  ceiling: DynamoDB does the operations of %.0f orders/s (%d threads)%n", dynamo, threads);
        KafkaRoundTrip kafka = kafkaRoundTrip(system.kafka());
        System.out.printf("  ceiling: Kafka round trip p50 %.2f ms, p99 %.2f ms; %.0f messages/s produced and consumed%n",
                kafka.latency.getValueAtPercentile(50) / 1e6, kafka.latency.getValueAtPercentile(99) / 1e6, kafka.perSecond);
        return new Result(dynamo, threads, kafka.perSecond, kafka.latency);
    }

    private static double dynamoDbOrdersPerSecond(URI endpoint, Duration duration, int threads) throws Exception {
        try (DynamoDbClient dynamo = LocalDynamoDb.client(endpoint)) {
            for (String table : List.of("ceiling-orders", "ceiling-outbox", "ceiling-products", "ceiling-reservations")) {
                dynamo.createTable(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            }
            for (int p = 0; p < 100; p++) {
                dynamo.putItem(put("ceiling-products", "p-" + p, Map.of("available", n(1_000_000_000), "reserved", n(0))));
            }
            AtomicLong orders = new AtomicLong();
            long end = System.nanoTime() + duration.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                workers.add(pool.submit(() -> {
                    long i = 0;
                    while (System.nanoTime() < end) {
                        oneOrder(dynamo, "o-" + worker + "-" + i++, "p-" + (i % 100));
                        orders.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            pool.shutdown();
            return orders.get() / (duration.toNanos() / 1e9);
        }
    }

    /** The calls one order costs: create, Inventory's read-plan-write, the answer's read-write, Inventory seeing the update. */
    private static void oneOrder(DynamoDbClient dynamo, String order, String product) {
        var orderItem = Map.of("status", AttributeValue.fromS("PENDING"), "version", n(1));
        dynamo.transactWriteItems(t -> t.transactItems(putTx("ceiling-orders", order, orderItem, "attribute_not_exists(id)"),
                putTx("ceiling-outbox", UUID.randomUUID().toString(), Map.of("payload", AttributeValue.fromS("{}")), null)));
        for (int round = 0; round < 2; round++) {
            // Inventory reads the order's reservation and its products' stock in one BatchGetItem
            dynamo.batchGetItem(b -> b.requestItems(Map.of(
                    "ceiling-reservations",
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(key(order)).consistentRead(true).build(),
                    "ceiling-products",
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(key(product)).consistentRead(true).build())));
            TransactWriteItem reservation = putTx("ceiling-reservations", order, Map.of("appliedVersion", n(round + 1)), null);
            if (round == 0) {
                TransactWriteItem stock = TransactWriteItem.builder().update(u -> u.tableName("ceiling-products").key(key(product))
                        .updateExpression("SET available = available - :one, reserved = reserved + :one")
                        .conditionExpression("available >= :one").expressionAttributeValues(Map.of(":one", n(1)))).build();
                dynamo.transactWriteItems(t -> t.transactItems(stock, reservation));
                dynamo.getItem(g -> g.tableName("ceiling-orders").key(key(order)).consistentRead(true));
                dynamo.transactWriteItems(t -> t.transactItems(putTx("ceiling-orders", order, orderItem, null),
                        putTx("ceiling-outbox", UUID.randomUUID().toString(), Map.of("payload", AttributeValue.fromS("{}")), null)));
            } else {
                dynamo.transactWriteItems(t -> t.transactItems(reservation));
            }
        }
    }

    private record KafkaRoundTrip(Histogram latency, double perSecond) {
    }

    private static KafkaRoundTrip kafkaRoundTrip(String bootstrap) throws Exception {
        String topic = "benchmark-roundtrip";
        KafkaTopics.createMissing(bootstrap, List.of(topic), 3);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-roundtrip-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        Histogram latency = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
        // 1,000 messages at 1 per ms give the round-trip latency; then 20,000 as fast as possible give the rate
        int paced = 1_000;
        int burst = 20_000;
        int messages = paced + burst;
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
                var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(50));
            }
            Thread sender = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    String kind = i < paced ? "L" : "B";
                    producer.send(new ProducerRecord<>(topic, "k-" + i, kind + System.nanoTime()));
                    if (i < paced) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                }
                producer.flush();
            });
            sender.start();
            int received = 0;
            long firstBurst = 0;
            long lastBurst = 0;
            int bursts = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received < messages && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    long sentAt = Long.parseLong(record.value().substring(1));
                    if (record.value().charAt(0) == 'L') {
                        latency.recordValue(Math.max(0, now - sentAt));
                    } else {
                        firstBurst = firstBurst == 0 ? sentAt : Math.min(firstBurst, sentAt);
                        lastBurst = now;
                        bursts++;
                    }
                    received++;
                }
            }
            sender.join();
            return new KafkaRoundTrip(latency, bursts / Math.max(1e-9, (lastBurst - firstBurst) / 1e9));
        }
    }

    private static TransactWriteItem putTx(String table, String id, Map<String, AttributeValue> attributes, String condition) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
        item.put("id", AttributeValue.fromS(id));
        return TransactWriteItem.builder().put(p -> {
            p.tableName(table).item(item);
            if (condition != null) {
                p.conditionExpression(condition);
            }
        }).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.PutItemRequest put(String table, String id, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(attributes);
        item.put("id", AttributeValue.fromS(id));
        return software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().tableName(table).item(item).build();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
