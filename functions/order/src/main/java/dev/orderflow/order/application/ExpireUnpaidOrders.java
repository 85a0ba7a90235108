package dev.orderflow.order.application;

import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.Order;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The payment hold: an order not paid within {@code hold} of its first confirmation becomes EXPIRED - whatever changed
 * since: changing its lines (which sends it back to PENDING until Inventory answers) or its re-confirmation do not
 * move the start of the hold. The expired order is stored with its {@code OrderUpdated} event, from which Inventory
 * releases its stock. Run on a schedule. A payment arriving at the same moment races on the order's version: exactly one of the two is stored, and
 * the other is refused (the client gets 409, or this run leaves the paid order alone). A zero hold is no hold.
 */
public final class ExpireUnpaidOrders {

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final Duration hold;

    public ExpireUnpaidOrders(Orders orders, OrderEvents events, Clock clock, Duration hold) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.hold = hold;
    }

    /** @return how many orders expired; at most {@code limit} */
    public int run(int limit) {
        if (hold.isZero() || hold.isNegative()) {
            return 0;
        }
        Instant now = clock.instant();
        int expired = 0;
        for (Order order : orders.awaitingPaymentSince(now.minus(hold))) {
            if (expired >= limit) {
                break;
            }
            Order unpaid = order.expireUnpaid(now);
            if (unpaid == order) {
                continue;
            }
            try {
                orders.update(order, unpaid, events.updated(unpaid, order.status(), ChangedBy.PAYMENT_HOLD));
                expired++;
            } catch (ConcurrentModification e) {
                // paid, changed or cancelled meanwhile: the payment won
            }
        }
        return expired;
    }
}
