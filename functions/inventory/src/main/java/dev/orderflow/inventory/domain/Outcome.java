package dev.orderflow.inventory.domain;

import java.util.List;

/**
 * Inventory's answer to one order version: what it decided for each line it was asked about.
 *
 */
public record Outcome(long orderVersion, Action action, List<Decision> lines) {

    /** What the answer says happened to the lines it lists. */
    public enum Action {
        /** the pending lines were decided: EXECUTED (reserved) or CANCELED with a reason */
        RESERVED,
        /** the order was cancelled or expired: what it held is available again */
        RELEASED,
        /** the order shipped: what it held has left the stock */
        SHIPPED
    }

    /** Why a line was not sold. */
    public enum Reason {
        OUT_OF_STOCK,
        UNKNOWN_PRODUCT
    }

    /** A line's outcome: EXECUTED, or CANCELED with a {@link Reason} (none when a cancelled order releases it). */
    public record Decision(String productId, int quantity, LineStatus status, Reason reason) {

        static Decision executed(String productId, int quantity) {
            return new Decision(productId, quantity, LineStatus.EXECUTED, null);
        }

        static Decision canceled(String productId, int quantity, Reason reason) {
            return new Decision(productId, quantity, LineStatus.CANCELED, reason);
        }
    }

    public Outcome {
        lines = List.copyOf(lines);
    }
}
