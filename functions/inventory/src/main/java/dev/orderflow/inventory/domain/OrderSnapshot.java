package dev.orderflow.inventory.domain;

import java.util.List;

/**
 * An order as an order event describes it (created or updated): the whole order at {@code orderVersion}.
 *
 * @param status the order status, e.g. PENDING, CANCELED, SHIPPED
 * @param lines  every line with the quantity asked for and its status (PENDING lines await Inventory)
 */
public record OrderSnapshot(String orderId, long orderVersion, String status, List<Line> lines) {

    public record Line(String productId, int quantity, String status) {

        boolean pending() {
            return "PENDING".equals(status);
        }

        boolean canceled() {
            return "CANCELED".equals(status);
        }
    }

    public OrderSnapshot {
        lines = List.copyOf(lines);
    }

    /** Cancelled by the customer, or EXPIRED because it was not paid in time: either way everything held goes back. */
    boolean canceled() {
        return "CANCELED".equals(status) || "EXPIRED".equals(status);
    }

    boolean shipped() {
        return "SHIPPED".equals(status) || "DELIVERED".equals(status);
    }
}
