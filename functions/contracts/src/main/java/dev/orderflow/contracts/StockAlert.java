package dev.orderflow.contracts;

import java.time.Instant;

/**
 * A product's stock crossed a line, published on {@code inventory-alerts} keyed by {@code productId}, once
 * per crossing.
 *
 * @param alert             {@code LOW_STOCK} (available fell to or below the threshold), {@code OUT_OF_STOCK}
 *                          (available reached zero) or {@code BACK_IN_STOCK} (a restock lifted it from zero)
 * @param productId         the product
 * @param available         units available after the change
 * @param lowStockThreshold the product's threshold
 * @param productVersion    the product's version after the change; with the alert it identifies the crossing
 * @param occurredAt        when the change happened
 */
public record StockAlert(
        String alert,
        String productId,
        long available,
        long lowStockThreshold,
        long productVersion,
        Instant occurredAt) {

    public static final String TYPE = "dev.orderflow.inventory.alert.v1";
    public static final String LOW_STOCK = "LOW_STOCK";
    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String BACK_IN_STOCK = "BACK_IN_STOCK";
}
