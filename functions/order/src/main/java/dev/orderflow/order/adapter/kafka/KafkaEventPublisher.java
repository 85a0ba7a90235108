package dev.orderflow.order.adapter.kafka;

import dev.orderflow.lambda.kafka.EventProducer;
import dev.orderflow.order.application.EventPublisher;
import java.util.concurrent.CompletableFuture;

/** The relay's {@link EventPublisher}: each relayed event goes to Kafka unchanged. */
public final class KafkaEventPublisher implements EventPublisher {

    private final EventProducer producer;

    public KafkaEventPublisher(EventProducer producer) {
        this.producer = producer;
    }

    @Override
    public CompletableFuture<Void> publish(RelayedEvent event) {
        return producer.send(event.topic(), event.key(), event.eventId(), event.type(), event.json(), event.cause());
    }
}
