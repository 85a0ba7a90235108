package dev.orderflow.order.application;

import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Makes sure no order waits forever for Inventory, and that no order is given up because the pipeline was slow.
 * Run on a schedule: an order PENDING for a while gets its current state published again when the
 * {@link RedrivePolicy} says it is due (Inventory answers an event it already applied by repeating its answer, so
 * a lost answer is recovered); only once the business deadline has passed are its PENDING lines cancelled
 * ({@code INVENTORY_TIMEOUT}), and the order takes the status that follows, which Inventory sees and releases
 * anything it still holds for those lines.
 */
public final class RedrivePendingOrders {

    /** How many waiting orders one run looks at, per order it may handle: the oldest first. */
    static final int SCAN_FACTOR = 10;

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final RedrivePolicy policy;

    public RedrivePendingOrders(Orders orders, OrderEvents events, Clock clock, RedrivePolicy policy) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.policy = policy;
    }

    /** Handles at most {@code limit} orders. */
    public Run run(int limit) {
        Instant now = clock.instant();
        int redriven = 0;
        int givenUp = 0;
        int overdue = 0;
        Duration longestWait = Duration.ZERO;
        int scanned = 0;
        for (Orders.PendingOrder pending : orders.pendingSince(now.minus(policy.after()))) {
            if (redriven + givenUp >= limit || scanned++ >= limit * SCAN_FACTOR) {
                break;
            }
            Order order = pending.order();
            if (policy.overdue(order.updatedAt(), now)) {
                overdue++;
            }
            Duration waited = Duration.between(order.updatedAt(), now);
            longestWait = waited.compareTo(longestWait) > 0 ? waited : longestWait;
            try {
                switch (policy.decide(order.updatedAt(), pending.redrives(), pending.lastRedrive(), now)) {
                    case REDRIVE -> {
                        orders.redrive(order, events.updated(order, order.status(), ChangedBy.INVENTORY_TIMEOUT), now);
                        redriven++;
                    }
                    case GIVE_UP -> {
                        Order timedOut = order.timeOutPendingLines(now);
                        orders.update(
                                order,
                                timedOut,
                                events.updated(timedOut, OrderStatus.PENDING, ChangedBy.INVENTORY_TIMEOUT));
                        givenUp++;
                    }
                    case WAIT -> {}
                }
            } catch (ConcurrentModification e) {
                // the order moved on by itself since the query; the next run looks again
            }
        }
        return new Run(redriven, givenUp, overdue, longestWait);
    }

    /**
     * What one run did and saw.
     *
     * @param redriven    orders whose event was published again
     * @param givenUp     orders whose PENDING lines were cancelled at the deadline
     * @param overdue     orders seen waiting longer than the policy's {@code alertAfter}
     * @param longestWait the longest wait seen
     */
    public record Run(int redriven, int givenUp, int overdue, Duration longestWait) {}
}
