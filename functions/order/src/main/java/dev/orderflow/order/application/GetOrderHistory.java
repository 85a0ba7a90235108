package dev.orderflow.order.application;

import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.Requester;
import java.util.List;

/** An order's history for the back office: every change that made it, oldest first, and who or what made each. */
public final class GetOrderHistory {

    private final Orders orders;
    private final GetOrder getOrder;

    public GetOrderHistory(Orders orders) {
        this.orders = orders;
        this.getOrder = new GetOrder(orders);
    }

    public List<HistoryEntry> history(Requester requester, String orderId) {
        requester.checkBackOffice("an order's history");
        Order order = getOrder.get(requester, orderId);
        return orders.history(order);
    }
}
