package dev.orderflow.inventory.application;

import dev.orderflow.inventory.application.InventoryEvents.StockChange;
import dev.orderflow.inventory.domain.StockAlerts;
import java.util.List;

/** Publishes the alerts a batch of stock changes raises, in order. */
public final class DetectStockAlerts {

    private final InventoryEvents events;

    public DetectStockAlerts(InventoryEvents events) {
        this.events = events;
    }

    public void detect(List<StockChange> changes) {
        for (StockChange change : changes) {
            if (change.availableBefore() == null) {
                continue;
            }
            for (StockAlerts.Alert alert : StockAlerts.crossed(
                    change.availableBefore(), change.availableAfter(), change.lowStockThreshold())) {
                events.alert(change, alert);
            }
        }
    }
}
