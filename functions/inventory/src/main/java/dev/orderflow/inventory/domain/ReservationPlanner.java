package dev.orderflow.inventory.domain;

import dev.orderflow.contracts.EventRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an order event into stock moves, given what is held for the order and what is available now.
 *
 * <ul>
 * <li>An event at or below the applied version is a duplicate: no moves, the stored answer again. One far above it
 *     is made up ({@link ImplausibleEvent}): every version of an order arrives, one after another.</li>
 * <li>A cancelled order releases everything held (answer RELEASED); a shipped one ships it (SHIPPED).</li>
 * <li>Otherwise each PENDING line is decided: it needs {@code quantity - held} more units (or gives units
 *     back when negative); EXECUTED when the product exists and has them available, else CANCELED
 *     ({@code UNKNOWN_PRODUCT}, {@code OUT_OF_STOCK}) and anything held for it is released. A line the
 *     customer cancelled releases what it held. The answer (RESERVED) lists the PENDING lines decided.</li>
 * </ul>
 */
public final class ReservationPlanner {

    private ReservationPlanner() {}

    /**
     * @param available units available per product of the order; a product missing from the map does not exist
     */
    public static ReservationPlan plan(OrderSnapshot order, Reservation current, Map<String, Long> available) {
        if (order.orderVersion() > current.appliedVersion() + EventRules.MAX_VERSION_STEP) {
            throw new ImplausibleEvent(
                    "orderVersion: " + order.orderVersion() + " is not a step from the last version applied ("
                            + current.appliedVersion() + "): every version of an order arrives one after another");
        }
        if (order.orderVersion() <= current.appliedVersion()) {
            return new ReservationPlan(true, current, Map.of(), current.lastOutcome());
        }
        if (current.state() != Reservation.State.ACTIVE) {
            return new ReservationPlan(
                    false, current.next(order.orderVersion(), current.state(), Map.of(), null), Map.of(), null);
        }
        if (order.canceled()) {
            return endAll(order, current, Outcome.Action.RELEASED, Reservation.State.RELEASED);
        }
        if (order.shipped()) {
            return endAll(order, current, Outcome.Action.SHIPPED, Reservation.State.SHIPPED);
        }
        return decideLines(order, current, available);
    }

    private static ReservationPlan endAll(
            OrderSnapshot order, Reservation current, Outcome.Action action, Reservation.State state) {
        Map<String, StockMove> moves = new HashMap<>();
        List<Outcome.Decision> lines = new ArrayList<>();
        current.held().forEach((product, units) -> {
            boolean released = action == Outcome.Action.RELEASED;
            moves.put(product, released ? new StockMove(0, units, 0) : new StockMove(0, 0, units));
            lines.add(new Outcome.Decision(
                    product, Math.toIntExact(units), released ? LineStatus.CANCELED : LineStatus.EXECUTED, null));
        });
        Outcome outcome = new Outcome(order.orderVersion(), action, lines);
        return new ReservationPlan(false, current.next(order.orderVersion(), state, Map.of(), outcome), moves, outcome);
    }

    private static ReservationPlan decideLines(OrderSnapshot order, Reservation current, Map<String, Long> available) {
        Map<String, StockMove> moves = new HashMap<>();
        Map<String, Long> held = new LinkedHashMap<>(current.held());
        List<Outcome.Decision> decided = new ArrayList<>();
        for (OrderSnapshot.Line line : order.lines()) {
            String product = line.productId();
            long holding = current.heldFor(product);
            if (line.canceled()) {
                if (holding > 0) {
                    moves.put(product, new StockMove(0, holding, 0));
                    held.remove(product);
                }
            } else if (line.pending()) {
                Long free = available.get(product);
                long need = line.quantity() - holding;
                if (free == null) {
                    decided.add(Outcome.Decision.canceled(product, line.quantity(), Outcome.Reason.UNKNOWN_PRODUCT));
                    held.remove(product);
                } else if (need > free) {
                    decided.add(Outcome.Decision.canceled(product, line.quantity(), Outcome.Reason.OUT_OF_STOCK));
                    if (holding > 0) {
                        moves.put(product, new StockMove(0, holding, 0));
                    }
                    held.remove(product);
                } else {
                    decided.add(Outcome.Decision.executed(product, line.quantity()));
                    if (need != 0) {
                        moves.put(product, need > 0 ? new StockMove(need, 0, 0) : new StockMove(0, -need, 0));
                    }
                    held.put(product, (long) line.quantity());
                }
            }
        }
        Outcome outcome =
                decided.isEmpty() ? null : new Outcome(order.orderVersion(), Outcome.Action.RESERVED, decided);
        return new ReservationPlan(
                false, current.next(order.orderVersion(), Reservation.State.ACTIVE, held, outcome), moves, outcome);
    }
}
