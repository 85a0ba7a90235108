package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.OrderSnapshot;
import dev.orderflow.inventory.domain.Reservation;
import dev.orderflow.inventory.domain.ReservationPlan;
import dev.orderflow.inventory.domain.ReservationPlanner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies order events to the stock: reads what is held and available, plans, writes the plan in one
 * conditional transaction, and publishes the answer. When a condition fails (another order took the
 * stock, or the same order moved on) it reads and plans again. A duplicate event writes nothing and
 * publishes the stored answer again, so a crash between the write and the publish loses nothing: the
 * redelivered event sends it.
 *
 * <p>A batch ({@link #batch}) reads the state of all its orders and products at once and plans each event from
 * that read, kept up to date with the batch's own writes; the writes stay one conditional transaction per event,
 * so the conditions, not the read, keep the stock exact: an event whose condition fails because someone else
 * wrote meanwhile is applied alone, as above, and so is every later event of the batch that touches the same
 * order or products.
 */
public final class ApplyOrderEvent {

    private final Stock stock;
    private final InventoryEvents events;
    private final Clock clock;
    private final Contention contention;

    /** @param contention how a write that lost its race is tried again (a transient failure once it gives up) */
    public ApplyOrderEvent(Stock stock, InventoryEvents events, Clock clock, Contention contention) {
        this.stock = stock;
        this.events = events;
        this.clock = clock;
        this.contention = contention;
    }

    /** @return the plan applied (a duplicate's plan writes nothing), for the caller to measure; its answer acknowledged */
    public ReservationPlan apply(OrderSnapshot order) {
        Applied applied = alone(order);
        if (applied.sent() != null) {
            applied.sent().acknowledged();
        }
        return applied.plan();
    }

    /** Reads the state of these orders' reservations and products at once, for {@link Batch#apply} to plan from. */
    public Batch batch(List<OrderSnapshot> orders) {
        return new Batch(stock.read(
                orders.stream().map(OrderSnapshot::orderId).toList(),
                orders.stream()
                        .flatMap(o -> o.lines().stream())
                        .map(OrderSnapshot.Line::productId)
                        .toList()));
    }

    private Applied alone(OrderSnapshot order) {
        Applied[] applied = new Applied[1];
        contention.untilDone(
                () -> {
                    Stock.Holding holding = stock.read(
                            order.orderId(),
                            order.lines().stream()
                                    .map(OrderSnapshot.Line::productId)
                                    .toList());
                    Reservation current = holding.reservation();
                    ReservationPlan plan = ReservationPlanner.plan(order, current, holding.available());
                    if (!written(plan, current)) {
                        return false;
                    }
                    applied[0] = new Applied(
                            plan, plan.outcome() == null ? null : events.outcome(order.orderId(), plan.outcome()));
                    return true;
                },
                () -> "order " + order.orderId() + " v" + order.orderVersion());
        return applied[0];
    }

    /** @return false when a condition failed; a plan with nothing to write (a duplicate, a version only) needs no write */
    private boolean written(ReservationPlan plan, Reservation current) {
        return plan.duplicate()
                || plan.changesOnlyTheVersion(current)
                || stock.apply(plan, current.appliedVersion(), clock.instant());
    }

    private record Applied(ReservationPlan plan, InventoryEvents.Sent sent) {}

    /**
     * A batch of order events being applied, in the order of the {@link #apply} calls, on one read of their state.
     * Answers are handed to the broker as each event is applied; {@link #answered} waits for them all.
     */
    public final class Batch {

        private final Map<String, Reservation> reservations;
        private final Map<String, Long> available;
        /** Orders and products whose state the batch no longer knows: someone else wrote them since the read. */
        private final Set<String> stale = new HashSet<>();

        private final List<InventoryEvents.Sent> answers = new ArrayList<>();

        private Batch(Stock.Holdings read) {
            this.reservations = new HashMap<>(read.reservations());
            this.available = new HashMap<>(read.available());
        }

        /** Applies the next event of the batch; a failure leaves the events before it applied, and this one not. */
        public ReservationPlan apply(OrderSnapshot order) {
            Reservation current = reservations.getOrDefault(order.orderId(), Reservation.none(order.orderId()));
            Applied applied = knows(order) ? fromRead(order, current) : null;
            if (applied == null) {
                forget(order);
                applied = alone(order);
            } else {
                remember(applied.plan(), current);
            }
            answers.add(applied.sent());
            return applied.plan();
        }

        /**
         * Waits for the broker to acknowledge every answer handed over so far.
         *
         * @return how many of the applied events, from the first, have their answer acknowledged, and why the next has not
         */
        public Answered answered() {
            for (int i = 0; i < answers.size(); i++) {
                try {
                    if (answers.get(i) != null) {
                        answers.get(i).acknowledged();
                    }
                } catch (RuntimeException e) {
                    return new Answered(i, e);
                }
            }
            return new Answered(answers.size(), null);
        }

        /** @return the plan written from the batch's read, or null when its condition failed (someone else wrote meanwhile) */
        private Applied fromRead(OrderSnapshot order, Reservation current) {
            ReservationPlan plan = ReservationPlanner.plan(order, current, available);
            if (written(plan, current)) {
                return new Applied(
                        plan, plan.outcome() == null ? null : events.outcome(order.orderId(), plan.outcome()));
            }
            return null;
        }

        private boolean knows(OrderSnapshot order) {
            return !stale.contains(order.orderId())
                    && order.lines().stream().noneMatch(line -> stale.contains(line.productId()));
        }

        /** The batch's own write, so the next events of the batch plan from what is there now. */
        private void remember(ReservationPlan plan, Reservation current) {
            if (plan.duplicate() || plan.changesOnlyTheVersion(current)) {
                return;
            }
            reservations.put(plan.next().orderId(), plan.next());
            plan.moves()
                    .forEach((productId, move) ->
                            available.computeIfPresent(productId, (id, units) -> units + move.availableChange()));
        }

        private void forget(OrderSnapshot order) {
            stale.add(order.orderId());
            order.lines().forEach(line -> stale.add(line.productId()));
        }
    }

    /**
     * @param events  how many applied events, from the first, have their answer acknowledged
     * @param failure why the next one has not (null when all have)
     */
    public record Answered(int events, RuntimeException failure) {}
}
