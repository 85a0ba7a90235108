package dev.orderflow.order.application;

import dev.orderflow.order.domain.Requester;
import java.time.Clock;
import java.time.Duration;

/** What the back office sees at a glance: how many orders wait for Inventory, and how long the oldest has waited. */
public final class WatchBacklog {

    /** Counted one by one from the index; past this the count says "at least". */
    public static final int COUNT_UP_TO = 1000;

    private final Orders orders;
    private final Clock clock;

    public WatchBacklog(Orders orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    public Backlog awaitingInventory(Requester requester) {
        requester.checkBackOffice("the backlog");
        Orders.Backlog backlog = orders.awaitingInventory(COUNT_UP_TO);
        if (backlog.oldest() == null) {
            return new Backlog(backlog, null);
        }
        Duration age = Duration.between(backlog.oldest(), clock.instant());
        return new Backlog(backlog, age.isNegative() ? Duration.ZERO : age);
    }

    /** @param oldestAge how long the order waiting longest has waited; null when none waits */
    public record Backlog(Orders.Backlog awaiting, Duration oldestAge) {}
}
