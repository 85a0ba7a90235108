package dev.orderflow.local.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import tools.jackson.databind.JsonNode;

/** Everything published on {@code order-events}, read by a consumer of its own from the beginning. */
final class OrderEventLog implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> events = new ArrayList<>();

    OrderEventLog(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("order-events"));
    }

    /** Reads what has arrived since the last call; returns every event about {@code orderId} so far. */
    List<JsonNode> about(String orderId) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            JsonNode event = Api.JSON.readTree(record.value());
            if (!record.key().equals(event.get("subject").stringValue())) {
                throw new AssertionError("event " + event.get("id") + " is keyed " + record.key() + ", not by its order");
            }
            events.add(event);
        });
        return events.stream().filter(e -> e.get("subject").stringValue().equals(orderId)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
