package dev.orderflow.inventory.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The alerts one stock change raises, from the available units before and after it: each fires once per
 * crossing, never again while stock stays on the same side of the line.
 */
public final class StockAlerts {

    /** A line the available units crossed. */
    public enum Alert {
        /** down to the product's threshold or below */
        LOW_STOCK,
        /** down to none */
        OUT_OF_STOCK,
        /** up from none */
        BACK_IN_STOCK
    }

    private StockAlerts() {}

    public static List<Alert> crossed(long before, long after, long threshold) {
        List<Alert> alerts = new ArrayList<>();
        if (before > threshold && after <= threshold) {
            alerts.add(Alert.LOW_STOCK);
        }
        if (before > 0 && after == 0) {
            alerts.add(Alert.OUT_OF_STOCK);
        }
        if (before == 0 && after > 0) {
            alerts.add(Alert.BACK_IN_STOCK);
        }
        return alerts;
    }
}
