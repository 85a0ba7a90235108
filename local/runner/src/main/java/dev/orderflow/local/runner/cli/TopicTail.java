package dev.orderflow.local.runner.cli;

import dev.orderflow.local.infra.KafkaAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code java -jar local-runner.jar tail TOPIC [BOOTSTRAP] [--data-dir=DIR]}: prints every message of a topic from the
 * beginning, then new ones as they arrive, one line each (partition, offset, key, headers, value), until
 * Ctrl-C. A stand-in for {@code kafka-console-consumer} that needs nothing installed.
 */
public final class TopicTail {

    private TopicTail() {}

    /** Each tail is a consumer group of its own, named so (the operator's groups begin with {@code operator-}). */
    public static final String GROUP_PREFIX = "operator-tail-";

    public static void run(String topic, KafkaAccess kafka) {
        Properties props = kafka.properties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP_PREFIX + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            Runtime.getRuntime().addShutdownHook(new Thread(consumer::wakeup));
            consumer.subscribe(List.of(topic));
            System.err.println("tailing " + topic + " on " + kafka.bootstrapServers() + (kafka.tls() ? " over TLS" : "")
                    + " (Ctrl-C to stop)");
            while (true) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder headers = new StringBuilder();
                    for (Header header : record.headers()) {
                        headers.append(header.key())
                                .append('=')
                                .append(new String(header.value(), StandardCharsets.UTF_8))
                                .append(' ');
                    }
                    System.out.printf(
                            "%s-%d@%d key=%s %s%s%n",
                            record.topic(), record.partition(), record.offset(), record.key(), headers, record.value());
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // Ctrl-C
        }
    }
}
