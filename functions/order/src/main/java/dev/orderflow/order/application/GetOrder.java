package dev.orderflow.order.application;

import dev.orderflow.order.domain.Limits;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderNotFound;

/** Reads one order. */
public final class GetOrder {

    private final Orders orders;

    public GetOrder(Orders orders) {
        this.orders = orders;
    }

    public Order get(String orderId) {
        Limits.checkId("orderId", orderId);
        return orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
    }
}
