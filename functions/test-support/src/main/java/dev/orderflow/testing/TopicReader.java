package dev.orderflow.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads a topic from its beginning, as a consumer group of its own, waiting (Awaitility) until the records wanted
 * have arrived: what a test does to see what a service published.
 */
public final class TopicReader {

    private TopicReader() {}

    /**
     * Every record of {@code topic} read until at least {@code atLeast} of them match {@code which} (at most
     * {@code timeout}); the matching ones, in the order read.
     *
     * @param client the client's settings: bootstrap servers and, for a broker that asks, who the client is
     * @param groupPrefix the start of the consumer group's name (a broker with ACLs may allow only some)
     */
    public static List<ConsumerRecord<String, String>> await(
            Map<String, Object> client,
            String groupPrefix,
            String topic,
            Predicate<ConsumerRecord<String, String>> which,
            int atLeast,
            Duration timeout) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Awaitility.await().atMost(timeout).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (which.test(record)) {
                        found.add(record);
                    }
                });
                return found.size() >= atLeast;
            });
        }
        return found;
    }

    /** The same on a plaintext broker, every record of the topic counting. */
    public static List<ConsumerRecord<String, String>> await(String bootstrapServers, String topic, int atLeast) {
        return await(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                "test-",
                topic,
                record -> true,
                atLeast,
                Duration.ofSeconds(30));
    }
}
