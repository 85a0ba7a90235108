package dev.orderflow.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Inventory's answer to one version of an order, published on {@code inventory-events} keyed by
 * {@code orderId}.
 *
 * @param orderId      the order
 * @param orderVersion the order version this answers; Order Management ignores an answer for a line that
 *                     changed after that version
 * @param action       {@code RESERVED} (lines decided: EXECUTED or CANCELED with a reason),
 *                     {@code RELEASED} (order cancelled, stock returned) or {@code SHIPPED} (stock left)
 * @param orderItems   the lines this answer is about, with their quantities and outcomes
 * @param occurredAt   when Inventory decided
 */
public record ReservationOutcome(
        String orderId, long orderVersion, String action, List<OutcomeLine> orderItems, Instant occurredAt) {

    public static final String TYPE = "dev.orderflow.inventory.reservation.v1";
    public static final String RESERVED = "RESERVED";
    public static final String RELEASED = "RELEASED";
    public static final String SHIPPED = "SHIPPED";

    /**
     * @param productId the product
     * @param quantity  the quantity the line asked for when Inventory decided
     * @param status    {@code EXECUTED} or {@code CANCELED}
     * @param reason    {@code OUT_OF_STOCK} or {@code UNKNOWN_PRODUCT} for a cancelled line; null otherwise
     */
    public record OutcomeLine(String productId, int quantity, String status, String reason) {}
}
