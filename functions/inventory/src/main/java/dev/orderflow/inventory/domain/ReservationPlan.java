package dev.orderflow.inventory.domain;

import java.util.Map;

/**
 * What to write for one order event, all in one transaction: the stock moves, the new reservation, and
 * the answer to publish.
 *
 * @param duplicate true when the event was applied before: nothing to write, {@code outcome} is the stored answer
 * @param outcome   the answer to publish, or null when the event needs none (e.g. a status change to PAID)
 */
public record ReservationPlan(boolean duplicate, Reservation next, Map<String, StockMove> moves, Outcome outcome) {

    public ReservationPlan {
        moves = Map.copyOf(moves);
    }

    /**
     * Whether the plan would only move {@code current}'s applied version on: no stock moves, no answer, the same state
     * and holdings (a status change such as PAID, or the {@code OrderUpdated} that records Inventory's own answer).
     * Such a plan need not be written: applied again, the event plans the same nothing, and any later version of the
     * order is planned from the same holdings and conditioned on the same stored version.
     */
    public boolean changesOnlyTheVersion(Reservation current) {
        return !duplicate
                && moves.isEmpty()
                && outcome == null
                && next.state() == current.state()
                && next.held().equals(current.held());
    }
}
