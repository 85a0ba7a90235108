package dev.orderflow.inventory.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The alerts one stock change raises, from the available units before and after it: each fires once per
 * crossing, never again while stock stays on the same side of the line.
 */
public final class StockAlerts {

    public static final String LOW_STOCK = "LOW_STOCK";
    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";
    public static final String BACK_IN_STOCK = "BACK_IN_STOCK";

    private StockAlerts() {
    }

    public static List<String> crossed(long before, long after, long threshold) {
        List<String> alerts = new ArrayList<>();
        if (before > threshold && after <= threshold) {
            alerts.add(LOW_STOCK);
        }
        if (before > 0 && after == 0) {
            alerts.add(OUT_OF_STOCK);
        }
        if (before == 0 && after > 0) {
            alerts.add(BACK_IN_STOCK);
        }
        return alerts;
    }
}
