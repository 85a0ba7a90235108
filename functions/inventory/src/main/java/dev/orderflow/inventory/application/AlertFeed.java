package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.StockAlerts;
import java.time.Instant;
import java.util.List;

/**
 * The recent stock alerts the back office reads: each product's latest alert, kept with the product, newest first.
 * Recording the same alert again (a redelivered stock change) changes nothing; an older one never replaces a newer.
 */
public interface AlertFeed {

    void record(InventoryEvents.StockChange change, StockAlerts.Alert alert);

    /** The products' latest alerts, newest first, at most {@code limit}. */
    List<RecentAlert> recent(int limit);

    /** @param available the product's available units right after the change that raised it */
    record RecentAlert(String productId, StockAlerts.Alert alert, long available, long lowStockThreshold, Instant at) {}
}
