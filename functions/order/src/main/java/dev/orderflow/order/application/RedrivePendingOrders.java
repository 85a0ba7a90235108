package dev.orderflow.order.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;

/**
 * Makes sure no order waits forever for Inventory. Run on a schedule: an order PENDING for longer than
 * {@code after} gets its current state published again (Inventory answers an event it already applied by
 * repeating its answer, so a lost answer is recovered); after {@code maxRedrives} re-publications its
 * PENDING lines are cancelled ({@code INVENTORY_TIMEOUT}) and the order takes the status that follows, which
 * Inventory sees and releases anything it still holds for those lines.
 */
public final class RedrivePendingOrders {

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final Duration after;
    private final int maxRedrives;

    public RedrivePendingOrders(Orders orders, OrderEvents events, Clock clock, Duration after, int maxRedrives) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.after = after;
        this.maxRedrives = maxRedrives;
    }

    /** @return how many orders were re-driven or timed out */
    public int run(int limit) {
        Instant now = clock.instant();
        int handled = 0;
        for (Orders.PendingOrder pending : orders.pendingSince(now.minus(after), limit)) {
            Order order = pending.order();
            try {
                if (pending.redrives() < maxRedrives) {
                    orders.redrive(order, events.updated(order, order.status()));
                } else {
                    Order timedOut = order.timeOutPendingLines(now);
                    orders.update(timedOut, order.version(), events.updated(timedOut, OrderStatus.PENDING));
                }
                handled++;
            } catch (ConcurrentModification e) {
                // the order moved on by itself since the query; the next run looks again
            }
        }
        return handled;
    }
}
