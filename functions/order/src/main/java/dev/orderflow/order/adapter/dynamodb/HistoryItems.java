package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.order.application.ChangedBy;
import dev.orderflow.order.application.HistoryEntry;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * An order's history, one item per version beside the order in the orders table ({@code history#<orderId>#<version>},
 * in no index): written in the transaction that writes the version, read back with one BatchGetItem of the versions
 * the order has had. An order written before histories were kept has entries from then on only.
 */
final class HistoryItems {

    /** How often keys DynamoDB left unprocessed are asked for again (the SDK already backs off on throttling). */
    private static final int READ_ROUNDS = 5;

    private final String table;

    HistoryItems(String table) {
        this.table = table;
    }

    /** The put of the entry for {@code after}'s version, for the transaction that stores it. */
    TransactWriteItem put(Order after, OrderStatus previousStatus, ChangedBy by) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", AttributeValue.fromS(key(after.orderId(), after.version())));
        item.put("at", AttributeValue.fromS(OrderMapper.TIMESTAMP.format(after.updatedAt())));
        item.put("status", AttributeValue.fromS(after.status().name()));
        if (previousStatus != null) {
            item.put("previousStatus", AttributeValue.fromS(previousStatus.name()));
        }
        item.put("changedBy", AttributeValue.fromS(by.kind().name()));
        if (by.id() != null) {
            item.put("changedById", AttributeValue.fromS(by.id()));
        }
        item.put("orderItems", AttributeValue.fromL(lines(after)));
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(item))
                .build();
    }

    private static List<AttributeValue> lines(Order order) {
        return order.orderItems().stream()
                .map(line -> AttributeValue.fromM(OrderRecords.LINE.itemToMap(OrderMapper.toRecord(line), true)))
                .toList();
    }

    /** The newest {@code limit} entries of {@code order}, oldest first. */
    List<HistoryEntry> read(DynamoDbClient dynamo, Order order, int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (long version = Math.max(1, order.version() - limit + 1); version <= order.version(); version++) {
            keys.add(Map.of("orderId", AttributeValue.fromS(key(order.orderId(), version))));
        }
        List<HistoryEntry> entries = new ArrayList<>();
        Map<String, KeysAndAttributes> asked =
                Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        for (int round = 1; !asked.isEmpty(); round++) {
            if (round > READ_ROUNDS) {
                throw new IllegalStateException("DynamoDB left part of order " + order.orderId() + "'s history unread "
                        + READ_ROUNDS + " times (throttled)");
            }
            Map<String, KeysAndAttributes> ask = asked;
            var answer = dynamo.batchGetItem(b -> b.requestItems(ask));
            answer.responses().getOrDefault(table, List.of()).forEach(item -> entries.add(entry(item)));
            asked = answer.unprocessedKeys();
        }
        entries.sort(Comparator.comparingLong(HistoryEntry::version));
        return entries;
    }

    private static HistoryEntry entry(Map<String, AttributeValue> item) {
        String key = item.get("orderId").s();
        return new HistoryEntry(
                Long.parseLong(key.substring(key.lastIndexOf('#') + 1)),
                OrderMapper.instant(item.get("at").s()),
                item.containsKey("previousStatus")
                        ? OrderStatus.valueOf(item.get("previousStatus").s())
                        : null,
                OrderStatus.valueOf(item.get("status").s()),
                item.get("orderItems").l().stream()
                        .map(line -> OrderMapper.toLine(OrderRecords.LINE.mapToItem(line.m())))
                        .toList(),
                new ChangedBy(
                        ChangedBy.Kind.valueOf(item.get("changedBy").s()),
                        item.containsKey("changedById")
                                ? item.get("changedById").s()
                                : null));
    }

    static String key(String orderId, long version) {
        return OrderRecords.HISTORY_PREFIX + orderId + "#" + version;
    }
}
