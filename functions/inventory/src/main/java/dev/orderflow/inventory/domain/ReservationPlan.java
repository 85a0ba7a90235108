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
}
