package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.Outcome;

/**
 * Where Inventory's answers and alerts go (Kafka). Both calls return once the broker has acknowledged, and
 * throw otherwise, so the caller's trigger retries. Ids are derived from what they describe, so a repeated
 * answer or alert carries the same id and consumers can drop it.
 */
public interface InventoryEvents {

    void outcome(String orderId, Outcome outcome);

    void alert(StockChange change, String alert);

    /**
     * A product's stock before and after one change, as the products table's stream reports it.
     *
     * @param availableBefore null for a new product
     */
    record StockChange(String productId, Long availableBefore, long availableAfter, long lowStockThreshold, long version,
            java.time.Instant changedAt) {
    }
}
