package dev.orderflow.benchmark;

import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.infra.KafkaTopics;
import dev.orderflow.local.infra.LocalDynamoDb;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the stores allow, measured on the system's own DynamoDB server and Kafka broker with the same kind
 * of client: the rate at which DynamoDB completes the operations one order needs (the pipeline's own
 * application code and store adapters on tables defined as the pipeline's, 6 calls), and the Kafka
 * produce -> consume round trip.
 */
final class Ceiling {

    private static final int PRODUCTS = Benchmark.PRODUCTS;

    /** Orders per second DynamoDB sustains for the pipeline's operations; Kafka round-trip latency and rate. */
    record Result(
            double dynamoOrdersPerSecond,
            List<Double> dynamoRounds,
            int threads,
            double kafkaMessagesPerSecond,
            Histogram kafkaRoundTrip) {}

    /**
     * The DynamoDB figure is the best of {@code rounds} rounds: on a shared machine noise only ever slows a
     * round down, so the best one is the closest to what the store can do (and the strictest ceiling).
     */
    static Result measure(SystemUnderTest system, int rounds, Duration round, int threads) throws Exception {
        List<Double> dynamoRounds = dynamoDbOrdersPerSecond(URI.create(system.dynamoDb()), rounds, round, threads);
        double dynamo =
                dynamoRounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf(
                "  ceiling: DynamoDB does the operations of %.0f orders/s (%d threads; best of %s)%n",
                dynamo,
                threads,
                dynamoRounds.stream().map(r -> String.format("%.0f", r)).toList());
        KafkaRoundTrip kafka = kafkaRoundTrip(system.kafka("admin"));
        System.out.printf(
                "  ceiling: Kafka round trip p50 %.2f ms, p99 %.2f ms; %.0f messages/s produced and consumed%n",
                kafka.latency.getValueAtPercentile(50) / 1e6,
                kafka.latency.getValueAtPercentile(99) / 1e6,
                kafka.perSecond);
        return new Result(dynamo, dynamoRounds, threads, kafka.perSecond, kafka.latency);
    }

    private static List<Double> dynamoDbOrdersPerSecond(URI endpoint, int rounds, Duration round, int threads)
            throws Exception {
        try (DynamoDbClient dynamo = LocalDynamoDb.client(endpoint)) {
            var store = OrderStoreWork.Store.create(dynamo, PRODUCTS);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Double> perSecond = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    perSecond.add(ordersPerSecond(store, pool, round, threads));
                }
                return perSecond;
            } finally {
                pool.shutdown();
            }
        }
    }

    private static double ordersPerSecond(OrderStoreWork.Store store, ExecutorService pool, Duration round, int threads)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + round.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                var order = new OrderStoreWork(store);
                while (System.nanoTime() < end) {
                    order.run(store.product(ThreadLocalRandom.current().nextInt(PRODUCTS)));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        return done.get() / (round.toNanos() / 1e9);
    }

    private record KafkaRoundTrip(Histogram latency, double perSecond) {}

    /** @param kafka a super user's access: the round trip has a topic of its own */
    private static KafkaRoundTrip kafkaRoundTrip(KafkaAccess kafka) throws Exception {
        String topic = "benchmark-roundtrip";
        KafkaTopics.createMissing(kafka, List.of(topic), 3);
        Properties producerProps = kafka.properties(Map.of());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        Properties consumerProps = kafka.properties(Map.of());
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
                        LockSupport.parkNanos(1_000_000);
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
}
