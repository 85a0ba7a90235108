package dev.orderflow.order.application;

import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderChange;
import dev.orderflow.order.domain.Requester;
import java.time.Clock;

/**
 * Applies a client's change to an order (status or lines) and stores it with its {@code OrderUpdated}
 * event, unless someone else changed the order since it was read. A change that changes nothing stores
 * nothing and publishes nothing. Who may ask for what is {@link Requester}'s to say, before the state machine is asked.
 */
public final class UpdateOrder {

    private final Orders orders;
    private final GetOrder getOrder;
    private final OrderEvents events;
    private final Clock clock;
    private final CustomerLimits limits;

    public UpdateOrder(Orders orders, OrderEvents events, Clock clock, CustomerLimits limits) {
        this.orders = orders;
        this.getOrder = new GetOrder(orders);
        this.events = events;
        this.clock = clock;
        this.limits = limits;
    }

    public Order update(Requester requester, String orderId, OrderChange change) {
        Order current = getOrder.get(requester, orderId);
        if (change.status() != null) {
            requester.checkMaySet(change.status());
        }
        Order updated = current.apply(change, clock.instant());
        if (updated == current) {
            return current;
        }
        orders.update(
                current,
                updated,
                events.updated(updated, current.status(), ChangedBy.of(requester)),
                limits.of(requester));
        return updated;
    }
}
