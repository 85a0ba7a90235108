package dev.orderflow.order.application;

import java.util.concurrent.CompletableFuture;

/** Sends relayed events to the event log (Kafka). The future completes when the broker has acknowledged. */
public interface EventPublisher {

    CompletableFuture<Void> publish(RelayedEvent event);

    /**
     * An event read back from the outbox, ready to send.
     *
     * @param eventId the CloudEvents id
     * @param topic   the destination topic
     * @param key     the message key
     * @param type    the CloudEvents type
     * @param json    the CloudEvents envelope as JSON, sent as the message value unchanged
     */
    record RelayedEvent(
            String eventId,
            String topic,
            String key,
            String type,
            String json,
            dev.orderflow.contracts.TraceContext cause) {}
}
