package dev.orderflow.contracts;

import java.time.Instant;
import java.util.List;

/**
 * An order was accepted and stored. Every line is {@code PENDING}; Inventory answers with outcomes.
 *
 * @param orderId      the order
 * @param userId       who placed it
 * @param orderVersion the order's version after the change; consumers ignore versions they have passed
 * @param status       the order status, {@code PENDING}
 * @param orderItems   the lines
 * @param createdAt    when the order was accepted
 */
public record OrderCreated(
        String orderId,
        String userId,
        long orderVersion,
        String status,
        List<OrderLineSnapshot> orderItems,
        Instant createdAt) {

    public static final String TYPE = "dev.orderflow.order.created.v1";
}
