package dev.orderflow.order.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.InventoryAnswer;
import dev.orderflow.order.domain.Order;

/**
 * Applies Inventory's answer to an order's lines (EXECUTED or CANCELED) and the order status that follows,
 * stored with its {@code OrderUpdated} event. Stale, repeated or out-of-order answers change nothing (see
 * {@link Order#applyAnswer}); a concurrent change of the order is retried on the fresh order.
 */
public final class ApplyInventoryAnswer {

    static final int MAX_ATTEMPTS = 10;

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;

    public ApplyInventoryAnswer(Orders orders, OrderEvents events, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    /** @return the order after the answer, or empty when no such order exists */
    public Optional<Order> apply(String orderId, long answeredVersion, List<InventoryAnswer> answers) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Order> found = orders.find(orderId);
            if (found.isEmpty()) {
                return found;
            }
            Order current = found.get();
            Order updated = current.applyAnswer(answeredVersion, answers, clock.instant());
            if (updated == current) {
                return found;
            }
            try {
                orders.update(updated, current.version(), events.updated(updated, current.status()));
                return Optional.of(updated);
            } catch (ConcurrentModification e) {
                // the customer changed the order meanwhile: apply the answer to what is there now
            }
        }
        // a race lost again and again is still only a race: the trigger retries it as a transient failure
        throw new java.util.ConcurrentModificationException("answer for order " + orderId + " v" + answeredVersion + " lost " + MAX_ATTEMPTS
                + " races in a row; the trigger will retry it");
    }
}
