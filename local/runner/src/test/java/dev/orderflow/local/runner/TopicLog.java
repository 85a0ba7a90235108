package dev.orderflow.local.runner;

import dev.orderflow.local.infra.KafkaAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/** Everything published on one topic, read by a consumer of its own from the beginning. */
final class TopicLog implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    /** @param kafka the operator's access (it may read every topic, in groups named operator-...) */
    TopicLog(KafkaAccess kafka, String topic) {
        Properties props = kafka.properties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                PlatformKafka.OPERATOR_GROUPS + "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"));
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Reads what has arrived since the last call; returns every record so far. */
    List<ConsumerRecord<String, String>> records() {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return List.copyOf(records);
    }

    /** Every CloudEvent so far about {@code subject} (the record key), checking that the key is the subject. */
    List<JsonNode> about(String subject) {
        return records().stream()
                .filter(record -> subject.equals(record.key()))
                .map(record -> {
                    JsonNode event = Api.JSON.readTree(record.value());
                    if (!record.key().equals(event.get("subject").stringValue())) {
                        throw new AssertionError(
                                "event " + event.get("id") + " is keyed " + record.key() + ", not by its subject");
                    }
                    return event;
                })
                .toList();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
