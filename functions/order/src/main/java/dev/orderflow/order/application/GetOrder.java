package dev.orderflow.order.application;

import dev.orderflow.order.domain.Limits;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderNotFound;
import dev.orderflow.order.domain.Requester;

/** Reads one order: one the requester may not see is not found, so its existence is not revealed. */
public final class GetOrder {

    private final Orders orders;

    public GetOrder(Orders orders) {
        this.orders = orders;
    }

    public Order get(Requester requester, String orderId) {
        Limits.checkId("orderId", orderId);
        return orders.find(orderId).filter(requester::maySee).orElseThrow(() -> new OrderNotFound(orderId));
    }
}
