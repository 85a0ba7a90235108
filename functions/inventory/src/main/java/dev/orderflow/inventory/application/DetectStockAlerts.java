package dev.orderflow.inventory.application;

import dev.orderflow.inventory.application.InventoryEvents.StockChange;
import dev.orderflow.inventory.domain.StockAlerts;
import java.util.List;

/**
 * Publishes the alerts a batch of stock changes raises, in order, each recorded first in the {@link AlertFeed} the
 * back office reads (a failure of either fails the change, and its trigger delivers it again: both are idempotent).
 */
public final class DetectStockAlerts {

    private final InventoryEvents events;
    private final AlertFeed feed;

    public DetectStockAlerts(InventoryEvents events, AlertFeed feed) {
        this.events = events;
        this.feed = feed;
    }

    public void detect(List<StockChange> changes) {
        for (StockChange change : changes) {
            if (change.availableBefore() == null) {
                continue;
            }
            for (StockAlerts.Alert alert : StockAlerts.crossed(
                    change.availableBefore(), change.availableAfter(), change.lowStockThreshold())) {
                feed.record(change, alert);
                events.alert(change, alert);
            }
        }
    }
}
