package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.Holding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What each customer holds in open unpaid orders, kept in one item per customer in the orders table (key
 * {@code holdings#<userId>}: an order id is a UUID, so the two never meet; the item has none of the indexes' keys, so
 * no index holds it). Every write of an order adds the change of what it holds to this item in the same transaction,
 * with a condition that refuses it over the customer's limits: exact under concurrency, no scan, no count.
 * Attributes: {@code openOrders}, and {@code units#<productId>} per product.
 */
final class CustomerHoldings {

    static final String KEY_PREFIX = "holdings#";
    private static final String OPEN_ORDERS = "openOrders";
    private static final String UNITS = "units#";

    private CustomerHoldings() {}

    static boolean isHoldingsKey(String orderId) {
        return orderId.startsWith(KEY_PREFIX);
    }

    /**
     * The update adding {@code added} to the customer's holdings, refused (its condition fails) when an addition goes
     * over {@code limits}; null when nothing changes.
     */
    static TransactWriteItem add(String table, String userId, Holding added, CustomerLimits limits) {
        if (added.isEmpty()) {
            return null;
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        values.put(":zero", number(0));
        term(OPEN_ORDERS, added.orders(), limits.maxOpenOrders(), limits, "#o", names, values, sets, conditions);
        int i = 0;
        for (Map.Entry<String, Integer> units : added.units().entrySet()) {
            term(
                    UNITS + units.getKey(),
                    units.getValue(),
                    limits.maxUnitsPerProduct(),
                    limits,
                    "#u" + i++,
                    names,
                    values,
                    sets,
                    conditions);
        }
        return TransactWriteItem.builder()
                .update(u -> {
                    u.tableName(table)
                            .key(key(userId))
                            .updateExpression("SET " + String.join(", ", sets))
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values);
                    if (!conditions.isEmpty()) {
                        u.conditionExpression(String.join(" AND ", conditions));
                    }
                })
                .build();
    }

    /** What the customer holds now (a strongly consistent read), to say which limit a refused change reached. */
    static Holding read(DynamoDbClient dynamo, String table, String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        g -> g.tableName(table).key(key(userId)).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Holding.NONE;
        }
        Map<String, Integer> units = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(UNITS)) {
                units.put(name.substring(UNITS.length()), Integer.parseInt(value.n()));
            }
        });
        AttributeValue orders = item.get(OPEN_ORDERS);
        return new Holding(orders == null ? 0 : Integer.parseInt(orders.n()), units);
    }

    private static void term(
            String attribute,
            int delta,
            int max,
            CustomerLimits limits,
            String alias,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            List<String> sets,
            List<String> conditions) {
        if (delta == 0) {
            return;
        }
        names.put(alias, attribute);
        values.put(alias.replace('#', ':'), number(delta));
        sets.add(alias + " = if_not_exists(" + alias + ", :zero) + " + alias.replace('#', ':'));
        if (delta > 0 && limits.limited()) {
            // the new value at most max: the stored one at most max - delta (never true when delta alone is over max)
            values.put(alias.replace('#', ':') + "max", number((long) max - delta));
            conditions.add(
                    "(attribute_not_exists(" + alias + ") OR " + alias + " <= " + alias.replace('#', ':') + "max)");
        }
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("orderId", AttributeValue.fromS(KEY_PREFIX + userId));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
