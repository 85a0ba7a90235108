package dev.orderflow.order.application;

import dev.orderflow.order.application.EventPublisher.RelayedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Moves outbox events to Kafka. Sends a batch, then waits for every acknowledgement, and reports the
 * first event that was not acknowledged: the caller (the stream trigger) retries from there, so nothing
 * is skipped. Events after a failure may be sent twice; consumers deduplicate on the event id.
 */
public final class RelayEvents {

    private final EventPublisher publisher;

    public RelayEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Sends the batch and waits for every acknowledgement. */
    public Outcome relay(List<RelayedEvent> batch) {
        List<CompletableFuture<Void>> sends = new ArrayList<>(batch.size());
        for (RelayedEvent event : batch) {
            sends.add(send(event));
        }
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                return new Outcome(i, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(i, e);
            }
        }
        return new Outcome(-1, null);
    }

    /**
     * @param firstUnacknowledged the index of the first event that was not acknowledged, or -1 when all were
     * @param failure             why it was not (null when all were)
     */
    public record Outcome(int firstUnacknowledged, Throwable failure) {}

    private CompletableFuture<Void> send(RelayedEvent event) {
        try {
            return publisher.publish(event);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
