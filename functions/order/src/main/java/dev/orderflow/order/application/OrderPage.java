package dev.orderflow.order.application;

import dev.orderflow.order.domain.Order;
import java.util.List;

/** One page of a user's orders; {@code nextCursor} is null on the last page. */
public record OrderPage(List<Order> orders, String nextCursor) {

    public OrderPage {
        orders = List.copyOf(orders);
    }
}
