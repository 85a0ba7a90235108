package dev.orderflow.inventory.application;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import dev.orderflow.inventory.domain.OrderSnapshot;
import dev.orderflow.inventory.domain.Reservation;
import dev.orderflow.inventory.domain.ReservationPlan;
import dev.orderflow.inventory.domain.ReservationPlanner;

/**
 * Applies one order event to the stock: reads what is held and available, plans, writes the plan in one
 * conditional transaction, and publishes the answer. When a condition fails (another order took the
 * stock, or the same order moved on) it reads and plans again. A duplicate event writes nothing and
 * publishes the stored answer again, so a crash between the write and the publish loses nothing: the
 * redelivered event sends it.
 */
public final class ApplyOrderEvent {

    static final int MAX_ATTEMPTS = 25;

    private final Stock stock;
    private final InventoryEvents events;
    private final Clock clock;

    public ApplyOrderEvent(Stock stock, InventoryEvents events, Clock clock) {
        this.stock = stock;
        this.events = events;
        this.clock = clock;
    }

    /** @return the plan applied (a duplicate's plan writes nothing), for the caller to measure */
    public ReservationPlan apply(OrderSnapshot order) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Stock.Holding holding = stock.read(order.orderId(), order.lines().stream().map(OrderSnapshot.Line::productId).toList());
            Reservation current = holding.reservation();
            ReservationPlan plan = ReservationPlanner.plan(order, current, holding.available());
            if (plan.duplicate() || stock.apply(plan, current.appliedVersion(), clock.instant())) {
                if (plan.outcome() != null) {
                    events.outcome(order.orderId(), plan.outcome());
                }
                return plan;
            }
            // contention: back off a little, with jitter, before reading again
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000L * Math.min(50, attempt * 5)));
        }
        // a race lost again and again is still only a race: the trigger retries it as a transient failure
        throw new java.util.ConcurrentModificationException("order " + order.orderId() + " v" + order.orderVersion()
                + " could not be applied after " + MAX_ATTEMPTS + " attempts; the trigger will retry it");
    }
}
