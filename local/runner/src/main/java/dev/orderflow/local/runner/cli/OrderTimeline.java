package dev.orderflow.local.runner.cli;

import dev.orderflow.contracts.Topics;
import dev.orderflow.lambda.kafka.DeadLetters;
import dev.orderflow.local.infra.KafkaAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar local-runner.jar timeline ORDER_ID [BOOTSTRAP] [--data-dir=DIR]}: one order's whole journey - every event about it
 * on the order and inventory topics, dead letters included, in the order they were published, with the time since
 * the previous one, what each said (statuses, lines, Inventory's action) and its correlation and trace id.
 */
public final class OrderTimeline {

    /** Every topic keyed by order id (dead letters keep their original key). */
    static final List<String> TOPICS = List.of(
            Topics.ORDER_EVENTS,
            Topics.INVENTORY_EVENTS,
            DeadLetters.topicOf(Topics.ORDER_EVENTS),
            DeadLetters.topicOf(Topics.INVENTORY_EVENTS));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One event of the journey. */
    public record Entry(
            Instant publishedAt, String topic, String type, String correlationId, String traceparent, String summary) {}

    private OrderTimeline() {}

    public static void run(String orderId, KafkaAccess kafka) {
        List<Entry> entries = collect(orderId, kafka);
        System.out.print(render(orderId, entries));
    }

    /** Reads the topics from the beginning to their current end and keeps what is about {@code orderId}, oldest first. */
    public static List<Entry> collect(String orderId, KafkaAccess kafka) {
        Properties props = kafka.properties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        List<Entry> entries = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = TOPICS.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orderId.equals(record.key())) {
                        entries.add(entry(record));
                    }
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::publishedAt));
        return entries;
    }

    static Entry entry(ConsumerRecord<String, String> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        JsonNode event;
        try {
            event = JSON.readTree(record.value());
        } catch (RuntimeException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            return new Entry(
                    at,
                    record.topic(),
                    "(not JSON)",
                    header(record, "ce_correlationid"),
                    header(record, "traceparent"),
                    deadLetterReason(record));
        }
        JsonNode data = event.path("data");
        String lines = StreamSupport.stream(data.path("orderItems").spliterator(), false)
                .map(l -> l.path("productId").asString() + " x"
                        + l.path("quantity").asInt() + " " + l.path("status").asString()
                        + (l.path("reason").isString() ? " " + l.path("reason").asString() : ""))
                .collect(Collectors.joining(", "));
        String what = data.has("action")
                ? data.path("action").asString() + " (for v"
                        + data.path("orderVersion").asLong() + ")"
                : (data.has("previousStatus") ? data.path("previousStatus").asString() + " -> " : "")
                        + data.path("status").asString() + " v"
                        + data.path("orderVersion").asLong();
        String dead = record.topic().endsWith(".dlq") ? "  DEAD LETTER: " + deadLetterReason(record) : "";
        return new Entry(
                at,
                record.topic(),
                event.path("type").asString("?"),
                event.path("correlationid").asString(null),
                event.path("traceparent").asString(null),
                what + (lines.isEmpty() ? "" : "  [" + lines + "]") + dead);
    }

    public static String render(String orderId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return "no event about order " + orderId + " on " + String.join(", ", TOPICS) + "\n";
        }
        StringBuilder out = new StringBuilder("order ")
                .append(orderId)
                .append(": ")
                .append(entries.size())
                .append(" events, ")
                .append(Duration.between(
                                entries.get(0).publishedAt(),
                                entries.get(entries.size() - 1).publishedAt())
                        .toMillis())
                .append(" ms from first to last\n");
        Instant previous = entries.get(0).publishedAt();
        for (Entry entry : entries) {
            out.append(String.format(
                    "%s  +%6d ms  %-20s %-38s %s%n",
                    entry.publishedAt(),
                    Duration.between(previous, entry.publishedAt()).toMillis(),
                    entry.topic(),
                    entry.type(),
                    entry.summary()));
            out.append(String.format(
                    "%38s correlation %s, trace %s%n",
                    "", entry.correlationId(), dev.orderflow.lambda.trace.Traces.traceIdOf(entry.traceparent())));
            previous = entry.publishedAt();
        }
        return out.toString();
    }

    private static String deadLetterReason(ConsumerRecord<String, String> record) {
        String message = header(record, "x-exception-message");
        return message == null ? "" : message;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
