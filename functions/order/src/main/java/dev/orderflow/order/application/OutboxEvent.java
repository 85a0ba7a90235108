package dev.orderflow.order.application;

/**
 * An event waiting in the outbox to be relayed to Kafka.
 *
 * @param eventId the CloudEvents id, unique; consumers deduplicate on it
 * @param topic   the Kafka topic
 * @param key     the Kafka key (the order id, so an order's events stay in order on one partition)
 * @param type    the CloudEvents type
 * @param payload the whole CloudEvents envelope, serialised by the store's adapter
 * @param cause   what caused it (also inside the envelope), kept beside it so the relay sets the Kafka headers unparsed
 * @param changedBy who or what made the change, for the order's history (not published)
 */
public record OutboxEvent(
        String eventId,
        String topic,
        String key,
        String type,
        Object payload,
        dev.orderflow.contracts.TraceContext cause,
        ChangedBy changedBy) {}
