package dev.orderflow.inventory.domain;

import java.util.List;

/**
 * Inventory's answer to one order version: what it decided for each line it was asked about.
 *
 * @param action RESERVED (lines decided), RELEASED (stock returned) or SHIPPED (stock left)
 */
public record Outcome(long orderVersion, String action, List<Decision> lines) {

    public static final String RESERVED = "RESERVED";
    public static final String RELEASED = "RELEASED";
    public static final String SHIPPED = "SHIPPED";

    /** A line's outcome: EXECUTED, or CANCELED with {@code OUT_OF_STOCK} / {@code UNKNOWN_PRODUCT}. */
    public record Decision(String productId, int quantity, String status, String reason) {

        static Decision executed(String productId, int quantity) {
            return new Decision(productId, quantity, "EXECUTED", null);
        }

        static Decision canceled(String productId, int quantity, String reason) {
            return new Decision(productId, quantity, "CANCELED", reason);
        }
    }

    public Outcome {
        lines = List.copyOf(lines);
    }
}
