package dev.orderflow.order.application;

import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.Holding;
import dev.orderflow.order.domain.IdempotencyKeyReused;
import dev.orderflow.order.domain.LimitReached;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link Orders} in memory, keeping the promises the DynamoDB store keeps (its contract test checks them there): an
 * order and its event are stored together or not at all, one order per idempotency key, a write conditional on the
 * version it read, and a customer's holdings kept with every write and refused over the limits. For plain tests of
 * the use cases; the events stored are kept in order, for a test to read.
 */
final class InMemoryOrders implements Orders {

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Claimed> claims = new HashMap<>();
    private final Map<String, Holding> holdings = new HashMap<>();
    private final Map<String, PendingOrder> redrives = new HashMap<>();
    private final List<OutboxEvent> events = new ArrayList<>();
    private final Map<String, List<HistoryEntry>> histories = new HashMap<>();

    private record Claimed(String fingerprint, String orderId) {}

    @Override
    public synchronized Placed create(Order order, OutboxEvent event, IdempotencyClaim claim, CustomerLimits limits) {
        if (claim != null && claims.containsKey(claim.key())) {
            Claimed first = claims.get(claim.key());
            if (!first.fingerprint().equals(claim.fingerprint())) {
                throw new IdempotencyKeyReused();
            }
            return new Placed(orders.get(first.orderId()), true);
        }
        hold(order.userId(), order.holding(), limits);
        orders.put(order.orderId(), order);
        events.add(event);
        remember(order, null, event);
        if (claim != null) {
            claims.put(claim.key(), new Claimed(claim.fingerprint(), order.orderId()));
        }
        return new Placed(order, false);
    }

    @Override
    public synchronized Optional<Order> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public synchronized Map<String, Order> findAll(Collection<String> orderIds) {
        Map<String, Order> found = new HashMap<>();
        orderIds.stream().filter(orders::containsKey).forEach(id -> found.put(id, orders.get(id)));
        return found;
    }

    @Override
    public synchronized OrderPage findByUser(String userId, OrderStatus status, int limit, String cursor) {
        return page(o -> o.userId().equals(userId) && (status == null || o.status() == status), limit, cursor);
    }

    @Override
    public synchronized OrderPage findByStatus(OrderStatus status, int limit, String cursor) {
        return page(o -> o.status() == status, limit, cursor);
    }

    @Override
    public synchronized OrderPage findRecent(int limit, String cursor) {
        return page(o -> true, limit, cursor);
    }

    private OrderPage page(Predicate<Order> listed, int limit, String cursor) {
        List<Order> found = orders.values().stream()
                .filter(listed)
                .sorted(Comparator.comparing(Order::createdAt).reversed())
                .toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(found.size(), from + limit);
        return new OrderPage(found.subList(from, to), to < found.size() ? Integer.toString(to) : null);
    }

    @Override
    public synchronized void update(Order before, Order after, OutboxEvent event, CustomerLimits limits) {
        Order stored = orders.get(before.orderId());
        if (stored == null || stored.version() != before.version()) {
            throw new ConcurrentModification(before.orderId());
        }
        hold(after.userId(), after.holding().minus(before.holding()), limits);
        orders.put(after.orderId(), after);
        redrives.remove(after.orderId());
        events.add(event);
        remember(after, before.status(), event);
    }

    private void remember(Order order, OrderStatus previous, OutboxEvent event) {
        histories
                .computeIfAbsent(order.orderId(), id -> new ArrayList<>())
                .add(new HistoryEntry(
                        order.version(),
                        order.updatedAt(),
                        previous,
                        order.status(),
                        order.orderItems(),
                        event.changedBy()));
    }

    @Override
    public synchronized List<HistoryEntry> history(Order order) {
        List<HistoryEntry> all = histories.getOrDefault(order.orderId(), List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - HISTORY_LIMIT), all.size()));
    }

    @Override
    public synchronized Backlog awaitingInventory(int countUpTo) {
        List<Order> waiting = orders.values().stream()
                .filter(o -> o.status() == OrderStatus.PENDING)
                .sorted(Comparator.comparing(Order::updatedAt))
                .toList();
        return new Backlog(
                Math.min(waiting.size(), countUpTo),
                waiting.size() > countUpTo,
                waiting.isEmpty() ? null : waiting.get(0).updatedAt());
    }

    @Override
    public synchronized Iterable<PendingOrder> pendingSince(Instant cutoff) {
        return orders.values().stream()
                .filter(o -> o.status() == OrderStatus.PENDING)
                .filter(o -> o.updatedAt().isBefore(cutoff))
                .sorted(Comparator.comparing(Order::updatedAt))
                .map(o -> redrives.getOrDefault(o.orderId(), new PendingOrder(o, 0, null)))
                .toList();
    }

    @Override
    public synchronized Iterable<Order> awaitingPaymentSince(Instant cutoff) {
        return orders.values().stream()
                .filter(Order::awaitsPayment)
                .filter(o -> o.confirmedAt().isBefore(cutoff))
                .sorted(Comparator.comparing(Order::confirmedAt))
                .toList();
    }

    @Override
    public synchronized void redrive(Order order, OutboxEvent event, Instant at) {
        Order stored = orders.get(order.orderId());
        if (stored == null || stored.version() != order.version()) {
            throw new ConcurrentModification(order.orderId());
        }
        PendingOrder before = redrives.getOrDefault(order.orderId(), new PendingOrder(order, 0, null));
        redrives.put(order.orderId(), new PendingOrder(order, before.redrives() + 1, at));
        events.add(event);
    }

    /** Every event stored so far, oldest first. */
    synchronized List<OutboxEvent> events() {
        return List.copyOf(events);
    }

    /** What the customer holds in open unpaid orders now. */
    synchronized Holding holdingOf(String userId) {
        return holdings.getOrDefault(userId, Holding.NONE);
    }

    private void hold(String userId, Holding added, CustomerLimits limits) {
        limits.checkAlone(added);
        Holding held = holdings.getOrDefault(userId, Holding.NONE);
        LimitReached reached = limits.reached(held, added);
        if (reached != null) {
            throw reached;
        }
        Map<String, Integer> units = new HashMap<>(held.units());
        added.units().forEach((product, quantity) -> units.merge(product, quantity, Integer::sum));
        units.values().removeIf(quantity -> quantity == 0);
        Holding now = new Holding(held.orders() + added.orders(), units);
        if (now.isEmpty()) {
            holdings.remove(userId);
        } else {
            holdings.put(userId, now);
        }
    }
}
