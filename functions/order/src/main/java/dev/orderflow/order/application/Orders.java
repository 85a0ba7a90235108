package dev.orderflow.order.application;

import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.IdempotencyKeyReused;
import dev.orderflow.order.domain.LimitReached;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where orders live. Every write stores the order and the event that describes the change in one atomic
 * step (the outbox), so an event exists if and only if its change was stored.
 */
public interface Orders {

    /**
     * Stores a new order and its event. With a claim, at most one order is ever stored per idempotency key:
     * a second call with the same key and fingerprint returns the first order as {@link Placed#replayed()}.
     *
     * @param limits what the customer may hold ({@link CustomerLimits#NONE} for the back office): the order is refused
     *               when it would take them over
     * @throws IdempotencyKeyReused when the key was used with another fingerprint
     * @throws LimitReached         when the order would take its customer over {@code limits}
     */
    Placed create(Order order, OutboxEvent event, IdempotencyClaim claim, CustomerLimits limits);

    /** Stores a new order for the back office or the system: no limits. */
    default Placed create(Order order, OutboxEvent event, IdempotencyClaim claim) {
        return create(order, event, claim, CustomerLimits.NONE);
    }

    /** The order as last written (a strongly consistent read). */
    Optional<Order> find(String orderId);

    /** These orders as last written, read together (strongly consistent); an order that does not exist is absent. */
    Map<String, Order> findAll(Collection<String> orderIds);

    /** A user's orders, newest first. {@code cursor} is null for the first page. */
    default OrderPage findByUser(String userId, int limit, String cursor) {
        return findByUser(userId, null, limit, cursor);
    }

    /** A user's orders in {@code status} (any status when null), newest first. */
    OrderPage findByUser(String userId, OrderStatus status, int limit, String cursor);

    /** Every customer's orders in {@code status}, newest first (the back office's listing). */
    OrderPage findByStatus(OrderStatus status, int limit, String cursor);

    /**
     * Every customer's orders placed within the last {@link #RECENT_MONTHS} calendar months, newest first (the back
     * office's listing); older orders are found by customer or by id.
     */
    OrderPage findRecent(int limit, String cursor);

    /** How many calendar months (this one included) {@link #findRecent} reaches back. */
    int RECENT_MONTHS = 12;

    /** The changes that made {@code order}, oldest first: the newest {@link #HISTORY_LIMIT} of them. */
    List<HistoryEntry> history(Order order);

    /** How many of an order's changes {@link #history} returns at most. */
    int HISTORY_LIMIT = 100;

    /**
     * How many orders wait for Inventory (counted up to {@code countUpTo}), and since when the one that waits
     * longest does.
     */
    Backlog awaitingInventory(int countUpTo);

    /**
     * @param count   the orders waiting, at most the {@code countUpTo} asked for
     * @param capped  whether more may wait than were counted
     * @param oldest  when the one waiting longest last changed; null when none waits
     */
    record Backlog(int count, boolean capped, Instant oldest) {}

    /**
     * Replaces {@code before} with {@code after} and stores its event, if the stored version is still {@code before}'s;
     * what the customer holds in open unpaid orders changes with it.
     *
     * @throws ConcurrentModification when another write got there first
     * @throws LimitReached           when the change would take its customer over {@code limits}
     */
    void update(Order before, Order after, OutboxEvent event, CustomerLimits limits);

    /** A change by the back office or the system (which never adds to what a customer holds): no limits. */
    default void update(Order before, Order after, OutboxEvent event) {
        update(before, after, event, CustomerLimits.NONE);
    }

    /**
     * Orders PENDING, unchanged since before {@code cutoff}, oldest first, with their re-publications so far. Read
     * lazily, page by page, as the caller iterates.
     */
    Iterable<PendingOrder> pendingSince(Instant cutoff);

    /**
     * Orders {@linkplain Order#awaitsPayment awaiting payment} first confirmed before {@code cutoff}, oldest
     * confirmation first, read lazily.
     */
    Iterable<Order> awaitingPaymentSince(Instant cutoff);

    /**
     * Stores the re-publication of a PENDING order's event, counts it and notes when, if the order is still at its
     * version.
     *
     * @throws ConcurrentModification when the order changed meanwhile
     */
    void redrive(Order order, OutboxEvent event, Instant at);

    /**
     * A PENDING order, how often its event was re-published while it waited, and when last (null when never).
     */
    record PendingOrder(Order order, int redrives, Instant lastRedrive) {}

    /**
     * An idempotency key and the fingerprint of the request that used it.
     *
     * @param key         the client's Idempotency-Key
     * @param fingerprint a digest of the request body, to tell a retry from a reuse
     */
    record IdempotencyClaim(String key, String fingerprint) {}

    /** The stored order, and whether it was stored by an earlier request with the same key. */
    record Placed(Order order, boolean replayed) {}
}
