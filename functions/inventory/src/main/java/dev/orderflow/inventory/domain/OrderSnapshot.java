package dev.orderflow.inventory.domain;

import java.util.List;

/**
 * An order as an order event describes it (created or updated): the whole order at {@code orderVersion}.
 *
 * @param status the order status
 * @param lines  every line with the quantity asked for and its status (PENDING lines await Inventory)
 */
public record OrderSnapshot(String orderId, long orderVersion, Status status, List<Line> lines) {

    /** An order's status as Order Management publishes it; Inventory acts on cancelled, expired and shipped orders. */
    public enum Status {
        PENDING,
        CONFIRMED,
        PARTIALLY_CONFIRMED,
        REJECTED,
        CANCELED,
        EXPIRED,
        PAID,
        SHIPPED,
        DELIVERED
    }

    public record Line(String productId, int quantity, LineStatus status) {

        boolean pending() {
            return status == LineStatus.PENDING;
        }

        boolean canceled() {
            return status == LineStatus.CANCELED;
        }
    }

    public OrderSnapshot {
        lines = List.copyOf(lines);
    }

    /** Cancelled by the customer, or EXPIRED because it was not paid in time: either way everything held goes back. */
    boolean canceled() {
        return status == Status.CANCELED || status == Status.EXPIRED;
    }

    boolean shipped() {
        return status == Status.SHIPPED || status == Status.DELIVERED;
    }
}
