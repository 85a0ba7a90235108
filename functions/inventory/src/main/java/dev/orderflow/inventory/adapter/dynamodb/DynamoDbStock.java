package dev.orderflow.inventory.adapter.dynamodb;

import static dev.orderflow.inventory.adapter.dynamodb.StockItems.n;
import static dev.orderflow.inventory.adapter.dynamodb.StockItems.s;

import dev.orderflow.inventory.application.ProductPage;
import dev.orderflow.inventory.application.Stock;
import dev.orderflow.inventory.domain.ImplausibleEvent;
import dev.orderflow.inventory.domain.NewProduct;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.ProductChange;
import dev.orderflow.inventory.domain.ProductExists;
import dev.orderflow.inventory.domain.ProductNotFound;
import dev.orderflow.inventory.domain.Reservation;
import dev.orderflow.inventory.domain.ReservationPlan;
import dev.orderflow.inventory.domain.StockMove;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** {@link Stock} on DynamoDB; see the package description for the tables. */
public final class DynamoDbStock implements Stock {

    /** What one BatchGetItem may ask for. */
    static final int BATCH_GET_KEYS = 100;

    private final DynamoDbClient dynamo;
    private final InventoryTableNames tables;

    public DynamoDbStock(DynamoDbClient dynamo, InventoryTableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    @Override
    public Product add(NewProduct request, long lowStockThreshold, Instant now) {
        var product =
                new Product(request.productId(), request.name(), request.quantity(), 0, lowStockThreshold, now, 1);
        try {
            dynamo.putItem(p -> p.tableName(tables.products())
                    .item(StockItems.product(product))
                    .conditionExpression("attribute_not_exists(productId)"));
            return product;
        } catch (ConditionalCheckFailedException e) {
            throw new ProductExists(request.productId());
        }
    }

    @Override
    public Optional<Product> find(String productId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(tables.products())
                        .key(Map.of("productId", s(productId)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(StockItems.product(item));
    }

    @Override
    public ProductPage list(int limit, String cursor) {
        // one item more than asked: a next page exists only if it does, so a full last page has no nextCursor
        ScanResponse page = dynamo.scan(r -> {
            r.tableName(tables.products()).limit(limit + 1).consistentRead(true);
            if (cursor != null) {
                r.exclusiveStartKey(Map.of("productId", s(ProductCursor.decode(cursor))));
            }
        });
        List<Product> products =
                page.items().stream().limit(limit).map(StockItems::product).toList();
        String next = page.items().size() > limit
                ? ProductCursor.encode(products.get(products.size() - 1).productId())
                : null;
        return new ProductPage(products, next);
    }

    @Override
    public Product restock(String productId, long quantity, Instant now) {
        return update(
                productId,
                "SET available = available + :q, version = version + :one, updatedAt = :now",
                Map.of(":q", n(quantity), ":one", n(1), ":now", s(now.toString())),
                Map.of());
    }

    @Override
    public Product change(String productId, ProductChange change, Instant now) {
        var values = new HashMap<String, AttributeValue>(Map.of(":one", n(1), ":now", s(now.toString())));
        var names = new HashMap<String, String>();
        StringBuilder expression = new StringBuilder("SET version = version + :one, updatedAt = :now");
        if (change.name() != null) {
            expression.append(", #name = :name");
            names.put("#name", "name");
            values.put(":name", s(change.name()));
        }
        if (change.lowStockThreshold() != null) {
            expression.append(", lowStockThreshold = :threshold");
            values.put(":threshold", n(change.lowStockThreshold()));
        }
        return update(productId, expression.toString(), values, names);
    }

    /**
     * BatchGetItem over both tables (one round trip for up to {@link #BATCH_GET_KEYS} keys instead of one per item),
     * consistent reads, unprocessed keys asked again after a short pause.
     */
    @Override
    public Holdings read(Collection<String> orderIds, Collection<String> productIds) {
        List<Map.Entry<String, Map<String, AttributeValue>>> keys = new ArrayList<>();
        new LinkedHashSet<>(orderIds)
                .forEach(id -> keys.add(Map.entry(tables.reservations(), Map.of("orderId", s(id)))));
        new LinkedHashSet<>(productIds)
                .forEach(id -> keys.add(Map.entry(tables.products(), Map.of("productId", s(id)))));
        Map<String, Reservation> reservations = new HashMap<>();
        Map<String, Long> available = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
            Map<String, List<Map<String, AttributeValue>>> byTable = new HashMap<>();
            for (var key : keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS))) {
                byTable.computeIfAbsent(key.getKey(), table -> new ArrayList<>())
                        .add(key.getValue());
            }
            Map<String, KeysAndAttributes> request = new HashMap<>();
            for (var table : byTable.entrySet()) {
                request.put(
                        table.getKey(),
                        KeysAndAttributes.builder()
                                .keys(table.getValue())
                                .consistentRead(true)
                                .build());
            }
            for (int round = 0; !request.isEmpty(); round++) {
                if (round > 0) {
                    LockSupport.parkNanos(Math.min(round, 5) * 20_000_000L);
                }
                Map<String, KeysAndAttributes> ask = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
                response.responses()
                        .getOrDefault(tables.reservations(), List.of())
                        .forEach(item -> reservations.put(item.get("orderId").s(), StockItems.reservation(item)));
                response.responses()
                        .getOrDefault(tables.products(), List.of())
                        .forEach(
                                item -> available.put(item.get("productId").s(), StockItems.number(item, "available")));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return new Holdings(reservations, available);
    }

    @Override
    public boolean apply(ReservationPlan plan, long expectedVersion, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Map.Entry<String, StockMove>> moves = List.copyOf(plan.moves().entrySet());
        moves.forEach(move -> writes.add(stockUpdate(move.getKey(), move.getValue(), now)));
        writes.add(TransactWriteItem.builder()
                .put(p -> {
                    p.tableName(tables.reservations()).item(StockItems.reservation(plan.next()));
                    if (expectedVersion == 0) {
                        p.conditionExpression("attribute_not_exists(orderId)");
                    } else {
                        p.conditionExpression("appliedVersion = :expected")
                                .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
                    }
                })
                .build());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            requireReservedToRelease(moves, e);
            boolean lostRace = e.cancellationReasons().stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()));
            if (lostRace) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A release of more units than the product has reserved fails its condition however often it is tried: no other
     * writer can make it true (only this order's own events release what it holds), so it is an impossible event,
     * not a race. The product's state comes with the cancellation ({@code ALL_OLD} on a failed condition).
     */
    private static void requireReservedToRelease(
            List<Map.Entry<String, StockMove>> moves, TransactionCanceledException e) {
        for (int i = 0; i < moves.size() && i < e.cancellationReasons().size(); i++) {
            var reason = e.cancellationReasons().get(i);
            long releasing = -moves.get(i).getValue().reservedChange();
            if ("ConditionalCheckFailed".equals(reason.code())
                    && releasing > 0
                    && reason.hasItem()
                    && reason.item().containsKey("reserved")) {
                long reserved = StockItems.number(reason.item(), "reserved");
                if (reserved < releasing) {
                    throw new ImplausibleEvent("releasing " + releasing + " units of "
                            + moves.get(i).getKey() + ", which has only " + reserved
                            + " reserved: the order never held them there");
                }
            }
        }
    }

    private TransactWriteItem stockUpdate(String productId, StockMove move, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":da",
                n(move.availableChange()),
                ":dr",
                n(move.reservedChange()),
                ":one",
                n(1),
                ":now",
                s(now.toString())));
        StringBuilder condition = new StringBuilder("attribute_exists(productId)");
        if (move.reserve() > 0) {
            condition.append(" AND available >= :reserve");
            values.put(":reserve", n(move.reserve()));
        }
        if (move.reservedChange() < 0) {
            condition.append(" AND reserved >= :unreserve");
            values.put(":unreserve", n(-move.reservedChange()));
        }
        return TransactWriteItem.builder()
                .update(u -> u.tableName(tables.products())
                        .key(Map.of("productId", s(productId)))
                        .updateExpression(
                                "SET available = available + :da, reserved = reserved + :dr, version = version + :one, updatedAt = :now")
                        .conditionExpression(condition.toString())
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
    }

    private Product update(
            String productId, String expression, Map<String, AttributeValue> values, Map<String, String> names) {
        try {
            return StockItems.product(dynamo.updateItem(u -> {
                        u.tableName(tables.products())
                                .key(Map.of("productId", s(productId)))
                                .updateExpression(expression)
                                .conditionExpression("attribute_exists(productId)")
                                .expressionAttributeValues(values)
                                .returnValues(ReturnValue.ALL_NEW);
                        if (!names.isEmpty()) {
                            u.expressionAttributeNames(names);
                        }
                    })
                    .attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new ProductNotFound(productId);
        }
    }
}
