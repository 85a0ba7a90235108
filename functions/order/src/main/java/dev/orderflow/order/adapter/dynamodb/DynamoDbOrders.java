package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.order.adapter.dynamodb.OrderRecords.IdempotencyRecord;
import dev.orderflow.order.adapter.dynamodb.OrderRecords.OrderRecord;
import dev.orderflow.order.adapter.dynamodb.OrderRecords.OutboxRecord;
import dev.orderflow.order.application.HistoryEntry;
import dev.orderflow.order.application.OrderPage;
import dev.orderflow.order.application.Orders;
import dev.orderflow.order.application.OutboxEvent;
import dev.orderflow.order.domain.ConcurrentModification;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.Holding;
import dev.orderflow.order.domain.IdempotencyKeyReused;
import dev.orderflow.order.domain.LimitReached;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link Orders} on DynamoDB: each write is one transaction of the order, its outbox event, on create the idempotency
 * key, and what the change adds to the customer's holdings ({@link CustomerHoldings}), written with the low-level
 * client (an arithmetic update has no place in the enhanced client's transactions).
 */
public final class DynamoDbOrders implements Orders {

    /** How long an outbox item stays after it was written; the relay reads it from the stream long before. */
    static final Duration OUTBOX_RETENTION = Duration.ofDays(7);
    /** How long an Idempotency-Key protects against duplicates. */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    /** What one BatchGetItem may ask for. */
    static final int BATCH_GET_KEYS = 100;

    /** Waiting orders read per page of the pending index. */
    static final int PENDING_PAGE = 100;

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    /** How often a transaction that only collided with another is tried. */
    static final int TRANSACTION_ATTEMPTS = 5;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbClient lowLevel;
    private final DynamoDbTable<OrderRecord> orders;
    private final DynamoDbTable<OutboxRecord> outbox;
    private final DynamoDbTable<IdempotencyRecord> idempotency;
    private final EventSerializer serializer;
    private final Clock clock;
    private final OrderListings listings;
    private final HistoryItems history;

    public DynamoDbOrders(DynamoDbClient lowLevel, OrderTableNames tables, EventSerializer serializer, Clock clock) {
        this.lowLevel = lowLevel;
        this.client = DynamoDbEnhancedClient.builder().dynamoDbClient(lowLevel).build();
        this.orders = client.table(tables.orders(), OrderRecords.ORDER);
        this.outbox = client.table(tables.outbox(), OrderRecords.OUTBOX);
        this.idempotency = client.table(tables.idempotency(), OrderRecords.IDEMPOTENCY);
        this.serializer = serializer;
        this.clock = clock;
        this.listings = new OrderListings(orders, clock);
        this.history = new HistoryItems(tables.orders());
    }

    @Override
    public Placed create(Order order, OutboxEvent event, IdempotencyClaim claim, CustomerLimits limits) {
        Holding added = order.holding();
        limits.checkAlone(added);
        Instant now = clock.instant();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(put(
                orders.tableName(),
                OrderRecords.ORDER.itemToMap(OrderMapper.toRecord(order), true),
                "attribute_not_exists(orderId)",
                Map.of()));
        items.add(
                put(outbox.tableName(), OrderRecords.OUTBOX.itemToMap(outboxRecord(event, now), true), null, Map.of()));
        items.add(history.put(order, null, event.changedBy()));
        if (claim != null) {
            items.add(put(
                    idempotency.tableName(),
                    OrderRecords.IDEMPOTENCY.itemToMap(idempotencyRecord(claim, order, now), true),
                    "attribute_not_exists(idempotencyKey) OR expiresAt < :now",
                    Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
        }
        int holdings = addHoldings(items, order.userId(), added, limits);
        try {
            transact(items);
            return new Placed(order, false);
        } catch (TransactionCanceledException e) {
            if (claim != null && (failedCondition(e, 3) || conflicted(e))) {
                return replay(claim);
            }
            throw refusal(e, holdings, order.userId(), added, limits);
        }
    }

    @Override
    public Optional<Order> find(String orderId) {
        if (OrderRecords.isReservedKey(orderId)) {
            return Optional.empty();
        }
        OrderRecord record = orders.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(orderId).build())
                .consistentRead(true)
                .build());
        return Optional.ofNullable(record).map(OrderMapper::toOrder);
    }

    /** BatchGetItem, {@link #BATCH_GET_KEYS} keys a call, consistent; the enhanced client asks again for unprocessed keys. */
    @Override
    public Map<String, Order> findAll(Collection<String> orderIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(orderIds));
        Map<String, Order> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH_GET_KEYS) {
            var batch = ReadBatch.builder(OrderRecord.class).mappedTableResource(orders);
            ids.subList(from, Math.min(ids.size(), from + BATCH_GET_KEYS))
                    .forEach(id -> batch.addGetItem(GetItemEnhancedRequest.builder()
                            .key(Key.builder().partitionValue(id).build())
                            .consistentRead(true)
                            .build()));
            client.batchGetItem(b -> b.readBatches(batch.build())).resultsForTable(orders).stream()
                    .filter(record -> !OrderRecords.isReservedKey(record.orderId))
                    .forEach(record -> found.put(record.orderId, OrderMapper.toOrder(record)));
        }
        return found;
    }

    @Override
    public OrderPage findByUser(String userId, OrderStatus status, int limit, String cursor) {
        return listings.byUser(userId, status, limit, cursor);
    }

    @Override
    public OrderPage findByStatus(OrderStatus status, int limit, String cursor) {
        return listings.byStatus(status, limit, cursor);
    }

    @Override
    public OrderPage findRecent(int limit, String cursor) {
        return listings.recent(limit, cursor);
    }

    @Override
    public List<HistoryEntry> history(Order order) {
        return history.read(lowLevel, order, HISTORY_LIMIT);
    }

    /**
     * Reads the oldest order of the sparse pending index, and counts the index up to one past {@code countUpTo} (a
     * COUNT query still costs the read units of the items it counts: about one per eight waiting orders).
     */
    @Override
    public Backlog awaitingInventory(int countUpTo) {
        var oldest = orders.index(OrderRecords.PENDING_INDEX)
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                                .partitionValue(OrderRecords.PENDING_SHARD)
                                .build()))
                        .limit(1)
                        .build())
                .iterator()
                .next()
                .items();
        if (oldest.isEmpty()) {
            return new Backlog(0, false, null);
        }
        int counted = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            int remaining = countUpTo + 1 - counted;
            var page = lowLevel.query(q -> q.tableName(orders.tableName())
                    .indexName(OrderRecords.PENDING_INDEX)
                    .keyConditionExpression("pendingShard = :shard")
                    .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(OrderRecords.PENDING_SHARD)))
                    .select(Select.COUNT)
                    .limit(remaining)
                    .exclusiveStartKey(from));
            counted += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && counted <= countUpTo);
        return new Backlog(
                Math.min(counted, countUpTo), counted > countUpTo, OrderMapper.instant(oldest.get(0).updatedAt));
    }

    @Override
    public void update(Order before, Order after, OutboxEvent event, CustomerLimits limits) {
        Holding added = after.holding().minus(before.holding());
        limits.checkAlone(added);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(put(
                orders.tableName(),
                OrderRecords.ORDER.itemToMap(OrderMapper.toRecord(after), true),
                "#version = :expected",
                Map.of(":expected", AttributeValue.fromN(Long.toString(before.version())))));
        items.add(put(
                outbox.tableName(),
                OrderRecords.OUTBOX.itemToMap(outboxRecord(event, clock.instant()), true),
                null,
                Map.of()));
        items.add(history.put(after, before.status(), event.changedBy()));
        int holdings = addHoldings(items, after.userId(), added, limits);
        try {
            transact(items);
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0) || conflicted(e)) {
                throw new ConcurrentModification(after.orderId());
            }
            throw refusal(e, holdings, after.userId(), added, limits);
        }
    }

    /** Adds the update of the customer's holdings to a transaction; its index in it, or -1 when nothing changes. */
    private int addHoldings(List<TransactWriteItem> items, String userId, Holding added, CustomerLimits limits) {
        TransactWriteItem holdings = CustomerHoldings.add(orders.tableName(), userId, added, limits);
        if (holdings == null) {
            return -1;
        }
        items.add(holdings);
        return items.size() - 1;
    }

    /** What a cancelled transaction means: a limit reached (said exactly, from what the customer holds now), or a failure. */
    private RuntimeException refusal(
            TransactionCanceledException e, int holdings, String userId, Holding added, CustomerLimits limits) {
        if (holdings >= 0 && failedCondition(e, holdings)) {
            LimitReached reached = limits.reached(CustomerHoldings.read(lowLevel, orders.tableName(), userId), added);
            return reached != null
                    ? reached
                    : new LimitReached("the customer's limits were reached by another change meanwhile; try again");
        }
        return e;
    }

    /**
     * Runs a transaction, again when it only collided with another one on the same items (a customer's concurrent
     * orders meet on their holdings item): every condition is evaluated again, so nothing is counted twice.
     */
    private void transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                lowLevel.transactWriteItems(t -> t.transactItems(items));
                return;
            } catch (TransactionCanceledException e) {
                boolean onlyCollided = conflicted(e)
                        && e.cancellationReasons().stream().noneMatch(r -> CONDITIONAL_CHECK_FAILED.equals(r.code()));
                if (!onlyCollided || attempt == TRANSACTION_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static TransactWriteItem put(
            String table, Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder()
                .put(p -> {
                    p.tableName(table).item(item);
                    if (condition != null) {
                        p.conditionExpression(condition);
                        if (condition.contains("#version")) {
                            p.expressionAttributeNames(Map.of("#version", "version"));
                        }
                        if (!values.isEmpty()) {
                            p.expressionAttributeValues(values);
                        }
                    }
                })
                .build();
    }

    @Override
    public Iterable<PendingOrder> pendingSince(Instant cutoff) {
        return waiting(
                OrderRecords.PENDING_INDEX,
                OrderRecords.PENDING_SHARD,
                cutoff,
                r -> new PendingOrder(
                        OrderMapper.toOrder(r),
                        r.redrives == null ? 0 : r.redrives,
                        r.lastRedriveAt == null ? null : OrderMapper.instant(r.lastRedriveAt)));
    }

    @Override
    public Iterable<Order> awaitingPaymentSince(Instant cutoff) {
        return waiting(OrderRecords.PAYMENT_INDEX, OrderRecords.AWAITING_PAYMENT_SHARD, cutoff, OrderMapper::toOrder);
    }

    /** The orders of a sparse waiting index whose sort key is before {@code cutoff}, oldest first, page by page. */
    private <T> Iterable<T> waiting(String index, String shard, Instant cutoff, Function<OrderRecord, T> read) {
        var pages = orders.index(index)
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortLessThan(Key.builder()
                                .partitionValue(shard)
                                .sortValue(OrderMapper.TIMESTAMP.format(cutoff))
                                .build()))
                        .limit(PENDING_PAGE)
                        .build());
        return () -> StreamSupport.stream(pages.spliterator(), false)
                .flatMap(page -> page.items().stream())
                .map(read)
                .iterator();
    }

    @Override
    public void redrive(Order order, OutboxEvent event, Instant at) {
        var countRedrive = TransactWriteItem.builder()
                .update(u -> u.tableName(orders.tableName())
                        .key(Map.of("orderId", AttributeValue.fromS(order.orderId())))
                        .updateExpression("SET redrives = if_not_exists(redrives, :zero) + :one, lastRedriveAt = :at")
                        .conditionExpression("#version = :expected")
                        .expressionAttributeNames(Map.of("#version", "version"))
                        .expressionAttributeValues(Map.of(
                                ":zero",
                                AttributeValue.fromN("0"),
                                ":one",
                                AttributeValue.fromN("1"),
                                ":at",
                                AttributeValue.fromS(OrderMapper.TIMESTAMP.format(at)),
                                ":expected",
                                AttributeValue.fromN(Long.toString(order.version())))))
                .build();
        var publish = TransactWriteItem.builder()
                .put(p -> p.tableName(outbox.tableName())
                        .item(OrderRecords.OUTBOX.itemToMap(outboxRecord(event, clock.instant()), true)))
                .build();
        try {
            lowLevel.transactWriteItems(t -> t.transactItems(countRedrive, publish));
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0) || conflicted(e)) {
                throw new ConcurrentModification(order.orderId());
            }
            throw e;
        }
    }

    private Placed replay(IdempotencyClaim claim) {
        IdempotencyRecord earlier = idempotency.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(claim.key()).build())
                .consistentRead(true)
                .build());
        if (earlier == null) {
            throw IdempotencyKeyReused.inProgress();
        }
        if (!earlier.fingerprint.equals(claim.fingerprint())) {
            throw new IdempotencyKeyReused();
        }
        Order order = find(earlier.orderId)
                .orElseThrow(
                        () -> new IllegalStateException("idempotency key points at missing order " + earlier.orderId));
        return new Placed(order, true);
    }

    private OutboxRecord outboxRecord(OutboxEvent event, Instant now) {
        var record = new OutboxRecord();
        record.eventId = event.eventId();
        record.topic = event.topic();
        record.messageKey = event.key();
        record.eventType = event.type();
        record.payload = serializer.toJson(event.payload());
        record.correlationId = event.cause().correlationId();
        record.traceparent = event.cause().traceparent();
        record.createdAt = OrderMapper.TIMESTAMP.format(now);
        record.expiresAt = now.plus(OUTBOX_RETENTION).getEpochSecond();
        return record;
    }

    private static IdempotencyRecord idempotencyRecord(IdempotencyClaim claim, Order order, Instant now) {
        var record = new IdempotencyRecord();
        record.idempotencyKey = claim.key();
        record.fingerprint = claim.fingerprint();
        record.orderId = order.orderId();
        record.createdAt = OrderMapper.TIMESTAMP.format(now);
        record.expiresAt = now.plus(IDEMPOTENCY_WINDOW).getEpochSecond();
        return record;
    }

    private static boolean failedCondition(TransactionCanceledException e, int itemIndex) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons.size() > itemIndex
                && CONDITIONAL_CHECK_FAILED.equals(reasons.get(itemIndex).code());
    }

    private static boolean conflicted(TransactionCanceledException e) {
        return e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    /** Turns an event envelope into the JSON stored in the outbox and sent to Kafka unchanged. */
    @FunctionalInterface
    public interface EventSerializer {
        String toJson(Object event);
    }
}
