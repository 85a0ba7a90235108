package dev.orderflow.contracts;

import java.time.Instant;
import java.util.List;

/**
 * An order changed through the API: its status (paid, shipped, cancelled, ...) or its lines (quantity
 * changed, line cancelled, line added). Carries the whole order after the change, so a consumer can work
 * out what to reserve or release by comparing with what it already applied, and can drop a stale event
 * by its {@code orderVersion}.
 *
 * @param orderId        the order
 * @param userId         who placed it
 * @param orderVersion   the order's version after the change
 * @param previousStatus the status before the change
 * @param status         the status after the change
 * @param orderItems     every line after the change
 * @param updatedAt      when the change happened
 */
public record OrderUpdated(
        String orderId,
        String userId,
        long orderVersion,
        String previousStatus,
        String status,
        List<OrderLineSnapshot> orderItems,
        Instant updatedAt) {

    public static final String TYPE = "dev.orderflow.order.updated.v1";
}
