package dev.orderflow.order.adapter.dynamodb;

import static dev.orderflow.order.domain.OrderFixtures.aNewOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.order.application.ChangedBy;
import dev.orderflow.order.application.ExpireUnpaidOrders;
import dev.orderflow.order.application.OrderEvents;
import dev.orderflow.order.application.OrderPage;
import dev.orderflow.order.application.Orders;
import dev.orderflow.order.application.Orders.IdempotencyClaim;
import dev.orderflow.order.application.OutboxEvent;
import dev.orderflow.order.application.RedrivePendingOrders;
import dev.orderflow.order.application.RedrivePolicy;
import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.IdempotencyKeyReused;
import dev.orderflow.order.domain.LimitReached;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderChange;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.Requester;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What the order store promises, checked against any DynamoDB endpoint: atomic outbox writes,
 * idempotency and optimistic locking. Subclasses say which server.
 */
abstract class DynamoDbOrdersContract {

    static final dev.orderflow.contracts.TraceContext CAUSE = new dev.orderflow.contracts.TraceContext(
            "req-contract", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    private static final OrderTableNames TABLES = new OrderTableNames("orders", "order-outbox", "order-idempotency");
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    private static DynamoDbClient dynamo;
    private static DynamoDbOrders orders;

    static void connect(URI endpoint) {
        dynamo = LocalDynamoDb.client(endpoint);
        OrderTables.createMissing(dynamo, TABLES);
        orders = new DynamoDbOrders(
                dynamo, TABLES, event -> "{\"event\":\"" + event + "\"}", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void disconnect() {
        dynamo.close();
    }

    @Test
    void storesTheOrderAndItsEventTogether() {
        Order order = anOrder();
        OutboxEvent event = eventFor(order);

        orders.create(order, event, null);

        assertThat(orders.find(order.orderId())).contains(order);
        Map<String, AttributeValue> outboxItem = outboxItem(event.eventId());
        assertThat(outboxItem.get("messageKey").s()).isEqualTo(order.orderId());
        assertThat(outboxItem.get("topic").s()).isEqualTo("order-events");
        assertThat(Long.parseLong(outboxItem.get("expiresAt").n())).isGreaterThan(NOW.getEpochSecond());
    }

    @Test
    void readsManyOrdersAtOnceBeyondOneBatchGetItemAndLeavesOutThoseThatDoNotExist() {
        List<Order> placed = IntStream.range(0, DynamoDbOrders.BATCH_GET_KEYS + 20)
                .mapToObj(i -> anOrder())
                .toList();
        placed.forEach(order -> orders.create(order, eventFor(order), null));
        List<String> asked = new ArrayList<>(placed.stream().map(Order::orderId).toList());
        asked.add("ord-that-was-never-placed");

        Map<String, Order> found = orders.findAll(asked);

        assertThat(found).hasSize(placed.size()).doesNotContainKey("ord-that-was-never-placed");
        placed.forEach(order -> assertThat(found.get(order.orderId())).isEqualTo(order));
    }

    @Test
    void failedWriteLeavesNeitherOrderNorEvent() {
        Order order = anOrder();
        orders.create(order, eventFor(order), null);
        OutboxEvent secondEvent = eventFor(order);

        // the same order id again: the order's condition fails, so the whole transaction does
        assertThatThrownBy(() -> orders.create(order, secondEvent, null))
                .isInstanceOf(TransactionCanceledException.class);

        assertThat(outboxItem(secondEvent.eventId())).isEmpty();
    }

    @Test
    void secondCreateWithTheSameKeyReturnsTheFirstOrderAndStoresNoEvent() {
        var claim = new IdempotencyClaim("key-" + UUID.randomUUID(), "fingerprint-a");
        Order first = anOrder();
        Order retry = anOrder();
        OutboxEvent retryEvent = eventFor(retry);

        orders.create(first, eventFor(first), claim);
        var placed = orders.create(retry, retryEvent, claim);

        assertThat(placed.replayed()).isTrue();
        assertThat(placed.order()).isEqualTo(first);
        assertThat(orders.find(retry.orderId())).isEmpty();
        assertThat(outboxItem(retryEvent.eventId())).isEmpty();
    }

    @Test
    void sameKeyWithAnotherFingerprintIsRefused() {
        String key = "key-" + UUID.randomUUID();
        Order first = anOrder();
        orders.create(first, eventFor(first), new IdempotencyClaim(key, "fingerprint-a"));
        Order other = anOrder();

        assertThatThrownBy(() -> orders.create(other, eventFor(other), new IdempotencyClaim(key, "fingerprint-b")))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThat(orders.find(other.orderId())).isEmpty();
    }

    @Test
    void ofTwoWritersThatReadTheSameVersionOnlyTheFirstWins() {
        Order order = anOrder();
        orders.create(order, eventFor(order), null);
        Order readByA = orders.find(order.orderId()).orElseThrow();
        Order readByB = orders.find(order.orderId()).orElseThrow();

        Order canceledByA = readByA.apply(new OrderChange(OrderStatus.CANCELED, null), NOW);
        orders.update(readByA, canceledByA, eventFor(canceledByA));
        Order changedByB =
                readByB.apply(new OrderChange(null, List.of(new OrderChange.LineChange("sku-1", 7, null))), NOW);
        OutboxEvent eventOfB = eventFor(changedByB);

        assertThatThrownBy(() -> orders.update(readByB, changedByB, eventOfB))
                .isInstanceOf(ConcurrentModification.class);
        assertThat(orders.find(order.orderId())).contains(canceledByA);
        assertThat(outboxItem(eventOfB.eventId())).isEmpty();
    }

    @Test
    void listsAUsersOrdersNewestFirstAcrossPages() {
        String user = "user-" + UUID.randomUUID();
        Order oldest = place(user, NOW);
        Order middle = place(user, NOW.plusSeconds(1));
        Order newest = place(user, NOW.plusSeconds(2));

        var page1 = orders.findByUser(user, 2, null);
        var page2 = orders.findByUser(user, 2, page1.nextCursor());

        assertThat(page1.orders()).containsExactly(newest, middle);
        assertThat(page2.orders()).containsExactly(oldest);
        assertThat(page2.nextCursor()).as("nothing follows the last page").isNull();
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        String user = "user-" + UUID.randomUUID();
        place(user, NOW);
        place(user, NOW.plusSeconds(1));

        var page = orders.findByUser(user, 2, null);

        assertThat(page.orders()).hasSize(2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void theBackOfficeListsEveryCustomersOrdersNewestFirstAcrossMonthsWithinTheLastTwelve() {
        Order january = place("user-" + UUID.randomUUID(), Instant.parse("2026-01-15T08:00:00Z"));
        Order december = place("user-" + UUID.randomUUID(), Instant.parse("2025-12-01T00:00:00Z"));
        Order tooOld = place("user-" + UUID.randomUUID(), Instant.parse("2025-11-30T23:59:59Z"));
        Order thisMonth = place("user-" + UUID.randomUUID(), NOW.minusSeconds(1));

        List<String> listed = everyPage(cursor -> orders.findRecent(7, cursor));

        assertThat(listed)
                .as("newest first, month after month, back to the first day of the twelfth month")
                .containsSubsequence(thisMonth.orderId(), january.orderId(), december.orderId())
                .doesNotContain(tooOld.orderId())
                .doesNotHaveDuplicates();
    }

    @Test
    void theBackOfficeListsEveryCustomersOrdersInOneStatus() {
        Order first = place("user-" + UUID.randomUUID(), NOW.minusSeconds(30));
        Order second = place("user-" + UUID.randomUUID(), NOW.minusSeconds(20));
        Order stillPending = place("user-" + UUID.randomUUID(), NOW.minusSeconds(10));
        cancel(first);
        cancel(second);

        List<String> canceled = everyPage(cursor -> orders.findByStatus(OrderStatus.CANCELED, 3, cursor));

        assertThat(canceled)
                .containsSubsequence(second.orderId(), first.orderId())
                .doesNotContain(stillPending.orderId());
        assertThat(everyPage(cursor -> orders.findByStatus(OrderStatus.PENDING, 50, cursor)))
                .contains(stillPending.orderId())
                .doesNotContain(first.orderId(), second.orderId());
    }

    @Test
    void aCustomersOrdersInOneStatusArePagedThroughTheirOwnOrdersOnly() {
        String user = "user-" + UUID.randomUUID();
        Order oldest = place(user, NOW.minusSeconds(3));
        Order middle = place(user, NOW.minusSeconds(2));
        Order newest = place(user, NOW.minusSeconds(1));
        cancel(middle);

        assertThat(everyPage(cursor -> orders.findByUser(user, OrderStatus.PENDING, 1, cursor)))
                .containsExactly(newest.orderId(), oldest.orderId());
        assertThat(orders.findByUser(user, OrderStatus.CANCELED, 5, null).orders())
                .extracting(Order::orderId)
                .containsExactly(middle.orderId());
    }

    @Test
    void aCursorOfOneListingIsRefusedByAnother() {
        String user = "user-" + UUID.randomUUID();
        place(user, NOW.minusSeconds(2));
        place(user, NOW.minusSeconds(1));
        String usersCursor = orders.findByUser(user, 1, null).nextCursor();

        assertThatThrownBy(() -> orders.findByStatus(OrderStatus.PENDING, 1, usersCursor))
                .hasMessage("cursor: belongs to another status");
        assertThatThrownBy(() -> orders.findRecent(1, usersCursor))
                .hasMessageStartingWith("cursor: belongs to another listing");
    }

    @Test
    void everyChangeIsKeptInTheOrdersHistoryWithWhoMadeIt() {
        Order placed = anOrder();
        orders.create(placed, eventFor(placed, ChangedBy.of(Requester.customer(placed.userId()))), null);
        Order canceled = placed.apply(new OrderChange(OrderStatus.CANCELED, null), NOW.plusSeconds(5));
        orders.update(placed, canceled, eventFor(canceled, ChangedBy.of(Requester.backOffice("support-7"))));

        var history = orders.history(canceled);

        assertThat(history).hasSize(2);
        assertThat(history.get(0).version()).isEqualTo(1);
        assertThat(history.get(0).previousStatus()).isNull();
        assertThat(history.get(0).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(history.get(0).changedBy()).isEqualTo(ChangedBy.of(Requester.customer(placed.userId())));
        assertThat(history.get(1).version()).isEqualTo(2);
        assertThat(history.get(1).at()).isEqualTo(NOW.plusSeconds(5));
        assertThat(history.get(1).previousStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(history.get(1).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(history.get(1).orderItems()).isEqualTo(canceled.orderItems());
        assertThat(history.get(1).changedBy()).isEqualTo(ChangedBy.of(Requester.backOffice("support-7")));
        assertThat(orders.find(HistoryItems.key(placed.orderId(), 1)))
                .as("a history item is no order")
                .isEmpty();
    }

    @Test
    void theBacklogCountsTheOrdersWaitingForInventoryAndNamesTheOldestWait() {
        Order waiting = place("user-" + UUID.randomUUID(), NOW.minus(Duration.ofDays(400)));
        place("user-" + UUID.randomUUID(), NOW);

        Orders.Backlog all = orders.awaitingInventory(100_000);
        Orders.Backlog capped = orders.awaitingInventory(1);

        assertThat(all.count()).isGreaterThanOrEqualTo(2);
        assertThat(all.capped()).isFalse();
        assertThat(all.oldest()).isBeforeOrEqualTo(waiting.updatedAt());
        assertThat(capped.count()).isEqualTo(1);
        assertThat(capped.capped()).isTrue();
        cancel(waiting);
    }

    private static List<String> everyPage(java.util.function.Function<String, OrderPage> listing) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            OrderPage page = listing.apply(cursor);
            page.orders().forEach(order -> ids.add(order.orderId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private static Order cancel(Order order) {
        Order current = orders.find(order.orderId()).orElseThrow();
        Order canceled = current.apply(new OrderChange(OrderStatus.CANCELED, null), NOW);
        orders.update(current, canceled, eventFor(canceled));
        return canceled;
    }

    @Test
    void pendingOrdersAreListedWithTheirRedrivesUntilDecided() {
        Order order = anOrder();
        orders.create(order, eventFor(order), null);
        OutboxEvent republished = eventFor(order);

        assertThat(pending(order)).map(Orders.PendingOrder::redrives).contains(0);
        assertThat(pending(order)).map(Orders.PendingOrder::lastRedrive).isEmpty();
        orders.redrive(order, republished, NOW.plusSeconds(60));

        assertThat(pending(order)).map(Orders.PendingOrder::redrives).contains(1);
        assertThat(pending(order)).map(Orders.PendingOrder::lastRedrive).contains(NOW.plusSeconds(60));
        assertThat(outboxItem(republished.eventId())).isNotEmpty();
        Order canceled = order.apply(new OrderChange(OrderStatus.CANCELED, null), NOW);
        orders.update(order, canceled, eventFor(canceled));
        assertThat(pending(order)).isEmpty();
    }

    @Test
    void redriveOfAnOrderThatMovedOnIsRefused() {
        Order order = anOrder();
        orders.create(order, eventFor(order), null);
        Order canceled = order.apply(new OrderChange(OrderStatus.CANCELED, null), NOW);
        orders.update(order, canceled, eventFor(canceled));

        assertThatThrownBy(() -> orders.redrive(order, eventFor(order), NOW))
                .isInstanceOf(ConcurrentModification.class);
    }

    @Test
    void theWaitingOrdersAreReadPageByPageOldestFirst() {
        Instant start = NOW.minusSeconds(86_400);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < DynamoDbOrders.PENDING_PAGE + 5; i++) {
            placed.add(place("user-" + UUID.randomUUID(), start.plusMillis(i)).orderId());
        }

        List<String> listed = StreamSupport.stream(
                        orders.pendingSince(start.plusSeconds(1)).spliterator(), false)
                .map(p -> p.order().orderId())
                .filter(placed::contains)
                .toList();

        assertThat(listed).containsExactlyElementsOf(placed);
    }

    @Test
    void anOrderLeftPendingIsRepublishedWithBackoffAndTimedOutOnlyAtTheDeadline() {
        Order order = anOrder();
        orders.create(order, eventFor(order), null);
        var policy = new RedrivePolicy(
                Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(30), Duration.ofMinutes(5));
        var ids = new OrderEvents("order-events", () -> UUID.randomUUID().toString(), () -> CAUSE);

        new RedrivePendingOrders(orders, ids, at(NOW.plusSeconds(61)), policy).run(1000);
        new RedrivePendingOrders(orders, ids, at(NOW.plusSeconds(90)), policy).run(1000);
        assertThat(pending(order)).map(Orders.PendingOrder::redrives).contains(1);
        new RedrivePendingOrders(orders, ids, at(NOW.plusSeconds(181)), policy).run(1000);
        assertThat(pending(order)).map(Orders.PendingOrder::redrives).contains(2);
        var beforeDeadline =
                new RedrivePendingOrders(orders, ids, at(NOW.plus(Duration.ofMinutes(29))), policy).run(1000);
        assertThat(beforeDeadline.overdue()).isPositive();
        assertThat(orders.find(order.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PENDING);

        new RedrivePendingOrders(orders, ids, at(NOW.plus(Duration.ofMinutes(30))), policy).run(1000);

        Order resolved = orders.find(order.orderId()).orElseThrow();
        assertThat(resolved.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(resolved.orderItems()).extracting(OrderLine::reason).containsOnly(OrderLine.INVENTORY_TIMEOUT);
        assertThat(pending(order)).isEmpty();
    }

    @Test
    void aConfirmedOrderNotPaidWithinTheHoldExpiresAndAPaymentRacingItIsRefused() {
        Order placed = anOrder();
        orders.create(placed, eventFor(placed), null);
        Order confirmed = confirm(placed, NOW.plusSeconds(10));
        Order paidSoon = anOrder();
        orders.create(paidSoon, eventFor(paidSoon), null);
        Order confirmedToo = confirm(paidSoon, NOW.plusSeconds(10));
        var events = new OrderEvents("order-events", () -> UUID.randomUUID().toString(), () -> CAUSE);

        assertThat(awaitingPayment(NOW.plusSeconds(11))).contains(confirmed.orderId(), confirmedToo.orderId());
        Order paid = confirmedToo.apply(new OrderChange(OrderStatus.PAID, null), NOW.plusSeconds(20));
        orders.update(confirmedToo, paid, eventFor(paid));
        int expired = new ExpireUnpaidOrders(orders, events, at(NOW.plus(Duration.ofHours(2))), Duration.ofHours(1))
                .run(1000);

        assertThat(expired).isPositive();
        assertThat(orders.find(confirmed.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(orders.find(paid.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(awaitingPayment(NOW.plus(Duration.ofHours(3)))).doesNotContain(confirmed.orderId(), paid.orderId());
        Order late = confirmed.apply(new OrderChange(OrderStatus.PAID, null), NOW.plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> orders.update(confirmed, late, eventFor(late)))
                .as("a payment that lost the race with the hold")
                .isInstanceOf(ConcurrentModification.class);
    }

    @Test
    void anOrderAwaitsPaymentFromItsFirstConfirmationThoughItsLinesChangedSince() {
        Order placed = anOrder();
        orders.create(placed, eventFor(placed), null);
        Order confirmed = confirm(placed, NOW.plusSeconds(10));
        Order changed = confirmed.apply(
                new OrderChange(null, List.of(new OrderChange.LineChange("sku-1", 1, null))), NOW.plusSeconds(50));
        orders.update(confirmed, changed, eventFor(changed));
        Order reconfirmed = confirm(changed, NOW.plusSeconds(60));

        assertThat(orders.find(placed.orderId()).orElseThrow().confirmedAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(awaitingPayment(NOW.plusSeconds(11)))
                .as("found by its first confirmation, not its last change")
                .contains(reconfirmed.orderId());
        assertThat(awaitingPayment(NOW.plusSeconds(10))).doesNotContain(reconfirmed.orderId());
        var events = new OrderEvents("order-events", () -> UUID.randomUUID().toString(), () -> CAUSE);
        new ExpireUnpaidOrders(
                        orders,
                        events,
                        at(NOW.plusSeconds(10).plus(Duration.ofHours(1)).plusSeconds(1)),
                        Duration.ofHours(1))
                .run(1000);
        assertThat(orders.find(placed.orderId()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void aCustomerHoldsAtMostTheirLimitOfOpenOrdersExactlyThoughTheyAllArriveAtOnce() throws Exception {
        String customer = "customer-" + UUID.randomUUID();
        var limits = new CustomerLimits(10, 1_000);
        var pool = Executors.newFixedThreadPool(20);
        List<Future<String>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                attempts.add(pool.submit(() -> {
                    Order order = Order.place(
                            UUID.randomUUID().toString(),
                            new NewOrder(customer, aNewOrder("sku-1", "1").orderItems()),
                            NOW);
                    try {
                        orders.create(order, eventFor(order), null, limits);
                        return "stored";
                    } catch (LimitReached e) {
                        return e.getMessage();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (var attempt : attempts) {
                outcomes.add(attempt.get(60, TimeUnit.SECONDS));
            }

            assertThat(outcomes).filteredOn("stored"::equals).hasSize(10);
            assertThat(outcomes)
                    .filteredOn(o -> !o.equals("stored"))
                    .hasSize(15)
                    .allSatisfy(refused -> assertThat(refused).contains("at most 10 open unpaid orders"));
            assertThat(orders.findByUser(customer, 100, null).orders()).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unitsOfOneProductAreCountedAcrossOpenOrdersAndGivenBackWhenAnOrderCloses() {
        String customer = "customer-" + UUID.randomUUID();
        var limits = new CustomerLimits(10, 5);
        Order first = Order.place(
                UUID.randomUUID().toString(),
                new NewOrder(customer, aNewOrder("sku-1", "3", "sku-2", "5").orderItems()),
                NOW);
        orders.create(first, eventFor(first), null, limits);
        Order second = Order.place(
                UUID.randomUUID().toString(),
                new NewOrder(customer, aNewOrder("sku-1", "3").orderItems()),
                NOW);

        assertThatThrownBy(() -> orders.create(second, eventFor(second), null, limits))
                .isInstanceOf(LimitReached.class)
                .hasMessageContaining("at most 5 units of one product")
                .hasMessageContaining("sku-1: 3 held, 3 more asked");
        Order raised = first.apply(new OrderChange(null, List.of(new OrderChange.LineChange("sku-2", 6, null))), NOW);
        assertThatThrownBy(() -> orders.update(first, raised, eventFor(raised), limits))
                .as("a change adding units counts too")
                .isInstanceOf(LimitReached.class)
                .hasMessageContaining("sku-2");
        assertThat(orders.find(first.orderId())).contains(first);

        Order canceled = first.apply(new OrderChange(OrderStatus.CANCELED, null), NOW);
        orders.update(first, canceled, eventFor(canceled), limits);
        orders.create(second, eventFor(second), null, limits);
        assertThat(orders.find(second.orderId())).isPresent();
        Order onBehalf = Order.place(
                UUID.randomUUID().toString(),
                new NewOrder(customer, aNewOrder("sku-1", "50").orderItems()),
                NOW);
        orders.create(onBehalf, eventFor(onBehalf), null, CustomerLimits.NONE);
        assertThat(orders.find(onBehalf.orderId()))
                .as("the back office is not limited")
                .isPresent();
    }

    @Test
    void theHoldingsItemIsNoOrder() {
        String customer = "customer-" + UUID.randomUUID();
        Order order = Order.place(
                UUID.randomUUID().toString(),
                new NewOrder(customer, aNewOrder("sku-1", "1").orderItems()),
                NOW);
        orders.create(order, eventFor(order), null, new CustomerLimits(10, 100));

        assertThat(orders.find(CustomerHoldings.KEY_PREFIX + customer)).isEmpty();
        assertThat(orders.findByUser(customer, 100, null).orders())
                .extracting(Order::orderId)
                .containsExactly(order.orderId());
    }

    private static Order confirm(Order pending, Instant at) {
        Order confirmed = pending.applyAnswer(
                pending.version(),
                pending.orderItems().stream()
                        .map(l ->
                                new dev.orderflow.order.domain.InventoryAnswer(l.productId(), l.quantity(), true, null))
                        .toList(),
                at);
        orders.update(pending, confirmed, eventFor(confirmed));
        return confirmed;
    }

    private static List<String> awaitingPayment(Instant cutoff) {
        return StreamSupport.stream(orders.awaitingPaymentSince(cutoff).spliterator(), false)
                .map(Order::orderId)
                .toList();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static Optional<Orders.PendingOrder> pending(Order order) {
        return StreamSupport.stream(orders.pendingSince(NOW.plusSeconds(7200)).spliterator(), false)
                .filter(p -> p.order().orderId().equals(order.orderId()))
                .findFirst();
    }

    private static Order place(String user, Instant at) {
        Order order = Order.place(
                UUID.randomUUID().toString(),
                new NewOrder(user, aNewOrder("sku-1", "1").orderItems()),
                at);
        orders.create(order, eventFor(order), null);
        return order;
    }

    private static Order anOrder() {
        return Order.place(UUID.randomUUID().toString(), aNewOrder("sku-1", "2", "sku-2", "1"), NOW);
    }

    private static OutboxEvent eventFor(Order order) {
        return eventFor(order, ChangedBy.of(Requester.customer(order.userId())));
    }

    private static OutboxEvent eventFor(Order order, ChangedBy by) {
        return new OutboxEvent(
                UUID.randomUUID().toString(),
                "order-events",
                order.orderId(),
                "test.v1",
                "v" + order.version(),
                CAUSE,
                by);
    }

    private static Map<String, AttributeValue> outboxItem(String eventId) {
        return dynamo.getItem(g -> g.tableName(TABLES.outbox())
                        .key(Map.of("eventId", AttributeValue.fromS(eventId)))
                        .consistentRead(true))
                .item();
    }
}
