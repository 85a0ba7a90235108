package dev.orderflow.order.application;

import java.util.List;

import dev.orderflow.order.domain.Order;

/** One page of a user's orders; {@code nextCursor} is null on the last page. */
public record OrderPage(List<Order> orders, String nextCursor) {

    public OrderPage {
        orders = List.copyOf(orders);
    }
}
