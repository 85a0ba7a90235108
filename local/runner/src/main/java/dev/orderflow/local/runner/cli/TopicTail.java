package dev.orderflow.local.runner.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code java -jar local-runner.jar tail TOPIC [BOOTSTRAP]}: prints every message of a topic from the
 * beginning, then new ones as they arrive, one line each (partition, offset, key, headers, value), until
 * Ctrl-C. A stand-in for {@code kafka-console-consumer} that needs nothing installed.
 */
public final class TopicTail {

    private TopicTail() {
    }

    public static void run(String topic, String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tail-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
            consumer.subscribe(List.of(topic));
            System.err.println("tailing " + topic + " on " + bootstrapServers + " (Ctrl-C to stop)");
            while (true) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder headers = new StringBuilder();
                    for (Header header : record.headers()) {
                        headers.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8)).append(' ');
                    }
                    System.out.printf("%s-%d@%d key=%s %s%s%n", record.topic(), record.partition(), record.offset(), record.key(),
                            headers, record.value());
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // Ctrl-C
        }
    }
}
