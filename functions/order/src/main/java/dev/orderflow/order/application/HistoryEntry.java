package dev.orderflow.order.application;

import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;

/**
 * One change of an order, kept with it: the version it made, when, the status before (null for the order's
 * placing) and after, the lines as they were then, and who or what made it.
 */
public record HistoryEntry(
        long version,
        Instant at,
        OrderStatus previousStatus,
        OrderStatus status,
        List<OrderLine> orderItems,
        ChangedBy changedBy) {

    public HistoryEntry {
        orderItems = List.copyOf(orderItems);
    }
}
