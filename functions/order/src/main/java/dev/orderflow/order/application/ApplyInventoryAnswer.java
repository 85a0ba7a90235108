package dev.orderflow.order.application;

import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.InventoryAnswer;
import dev.orderflow.order.domain.Order;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies Inventory's answer to an order's lines (EXECUTED or CANCELED) and the order status that follows,
 * stored with its {@code OrderUpdated} event. Stale, repeated or out-of-order answers change nothing (see
 * {@link Order#applyAnswer}); a concurrent change of the order is retried on the fresh order.
 *
 * <p>A batch of answers ({@link #batch}) reads its orders at once and applies each answer to the order as read,
 * kept up to date with the batch's own writes; each write stays conditional on the order's version, so an order
 * the customer changed meanwhile fails its condition and the answer is applied to the fresh order, as alone.
 */
public final class ApplyInventoryAnswer {

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final Contention contention;

    /** @param contention how a write that lost its race is tried again (a transient failure once it gives up) */
    public ApplyInventoryAnswer(Orders orders, OrderEvents events, Clock clock, Contention contention) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.contention = contention;
    }

    /** @return the order after the answer, or empty when no such order exists */
    public Optional<Order> apply(String orderId, long answeredVersion, List<InventoryAnswer> answers) {
        List<Optional<Order>> result = new ArrayList<>(1);
        // the customer may change the order meanwhile: the answer is then applied to what is there now
        contention.untilDone(
                () -> {
                    Optional<Order> found = orders.find(orderId);
                    Optional<Order> applied = found.isEmpty() ? found : applyTo(found.get(), answeredVersion, answers);
                    if (found.isPresent() && applied.isEmpty()) {
                        return false;
                    }
                    result.add(applied);
                    return true;
                },
                () -> "answer for order " + orderId + " v" + answeredVersion);
        return result.get(0);
    }

    /** Reads these orders at once, for {@link Batch#apply} to apply their answers to. */
    public Batch batch(Collection<String> orderIds) {
        return new Batch(orders.findAll(orderIds));
    }

    /** @return the order after the answer, or empty when its version is no longer {@code current}'s */
    private Optional<Order> applyTo(Order current, long answeredVersion, List<InventoryAnswer> answers) {
        Order updated = current.applyAnswer(answeredVersion, answers, clock.instant());
        if (updated == current) {
            return Optional.of(current);
        }
        try {
            orders.update(current, updated, events.updated(updated, current.status(), ChangedBy.INVENTORY));
            return Optional.of(updated);
        } catch (ConcurrentModification e) {
            return Optional.empty();
        }
    }

    /** Answers applied one after another to orders read together. */
    public final class Batch {

        private final Map<String, Order> read;

        private Batch(Map<String, Order> read) {
            this.read = new HashMap<>(read);
        }

        /** @return the order after the answer, or empty when no such order exists */
        public Optional<Order> apply(String orderId, long answeredVersion, List<InventoryAnswer> answers) {
            Order current = read.get(orderId);
            Optional<Order> applied = current == null ? Optional.empty() : applyTo(current, answeredVersion, answers);
            if (applied.isEmpty()) {
                // changed meanwhile, or not there when the batch was read: alone, on a fresh read
                applied = ApplyInventoryAnswer.this.apply(orderId, answeredVersion, answers);
            }
            applied.ifPresentOrElse(order -> read.put(orderId, order), () -> read.remove(orderId));
            return applied;
        }
    }
}
