package dev.orderflow.inventory.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * What Inventory holds for one order, and the last order version it applied. The version makes every
 * order event idempotent: an event at or below {@code appliedVersion} changes nothing and gets the stored
 * answer again.
 *
 * @param held        units held per product (only products with units held)
 * @param lastOutcome the last answer published, re-sent for duplicates; null before the first
 */
public record Reservation(
        String orderId, long appliedVersion, State state, Map<String, Long> held, Outcome lastOutcome) {

    public enum State {
        /** stock is held for the order's executed lines */
        ACTIVE,
        /** the order was cancelled and everything held went back */
        RELEASED,
        /** the order shipped and everything held left the warehouse */
        SHIPPED
    }

    public Reservation {
        held = Map.copyOf(held);
    }

    /** The reservation of an order Inventory has not seen yet. */
    public static Reservation none(String orderId) {
        return new Reservation(orderId, 0, State.ACTIVE, Map.of(), null);
    }

    long heldFor(String productId) {
        return held.getOrDefault(productId, 0L);
    }

    Reservation next(long version, State nextState, Map<String, Long> nextHeld, Outcome outcome) {
        Map<String, Long> kept = new TreeMap<>();
        nextHeld.forEach((product, units) -> {
            if (units > 0) {
                kept.put(product, units);
            }
        });
        return new Reservation(orderId, version, nextState, kept, outcome == null ? lastOutcome : outcome);
    }
}
