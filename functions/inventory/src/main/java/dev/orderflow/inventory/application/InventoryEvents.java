package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.Outcome;
import dev.orderflow.inventory.domain.StockAlerts;
import java.time.Instant;

/**
 * Where Inventory's answers and alerts go (Kafka). An alert returns once the broker has acknowledged it and
 * throws otherwise, so the caller's trigger retries; an answer is handed over at once and {@link Sent#acknowledged}
 * waits for the broker, so a batch's answers travel together. Ids are derived from what they describe, so a
 * repeated answer or alert carries the same id and consumers can drop it.
 */
public interface InventoryEvents {

    /** Hands the answer to the broker without waiting for it (it goes out in the order of these calls). */
    Sent outcome(String orderId, Outcome outcome);

    /** An event handed to the broker. */
    interface Sent {

        /** Waits until the broker has acknowledged the event; throws when it did not, in time or at all. */
        void acknowledged();
    }

    void alert(StockChange change, StockAlerts.Alert alert);

    /**
     * A product's stock before and after one change, as the products table's stream reports it.
     *
     * @param availableBefore null for a new product
     */
    record StockChange(
            String productId,
            Long availableBefore,
            long availableAfter,
            long lowStockThreshold,
            long version,
            Instant changedAt) {}
}
