package dev.orderflow.lambda.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends CloudEvents to Kafka with {@code acks=all} and idempotence on, keyed by aggregate id, with the
 * CloudEvents id and type also in headers ({@code ce_id}, {@code ce_type}) so consumers can deduplicate or
 * route without parsing the value. Sends fail within a bounded time when the broker is away, so callers
 * report the failure instead of hanging. Every service's Kafka adapter sends through one of these.
 */
public final class EventProducer implements AutoCloseable {

    private final Producer<String, String> producer;

    public EventProducer(Producer<String, String> producer) {
        this.producer = producer;
    }

    /** A producer with the settings above; {@code extra} adds or overrides settings (e.g. MSK IAM auth). */
    public static EventProducer connect(String bootstrapServers, String clientId, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                10_000,
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId));
        config.putAll(extra);
        return new EventProducer(new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
    }

    /**
     * Sends one event; the future completes when the broker has acknowledged it. Its cause also goes into the
     * headers ({@code traceparent}, W3C, as tracing tools read Kafka headers; {@code ce_correlationid}).
     */
    public CompletableFuture<Void> send(
            String topic,
            String key,
            String eventId,
            String type,
            String json,
            dev.orderflow.contracts.TraceContext cause) {
        var record = new ProducerRecord<String, String>(topic, key, json);
        record.headers()
                .add("ce_id", eventId.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_correlationid", cause.correlationId().getBytes(StandardCharsets.UTF_8))
                .add("traceparent", cause.traceparent().getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return sendRaw(record);
    }

    /** Sends a record as it is (dead letters keep their original value and carry their own headers). */
    public CompletableFuture<Void> sendRaw(ProducerRecord<String, String> record) {
        var acknowledged = new CompletableFuture<Void>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acknowledged.complete(null);
            } else {
                acknowledged.completeExceptionally(error);
            }
        });
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close();
    }
}
