package dev.orderflow.benchmark.cost;

import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.lambda.LocalStores;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The largest item of each table after a run, sized as DynamoDB sizes items for capacity: attribute names and values
 * in UTF-8, numbers about one byte per two significant digits plus one, maps and lists three bytes plus one per
 * element. A unit is 1 KB written or 4 KB read (strongly consistent), rounded up per item; see {@link Report}.
 */
record ItemSizes(Map<String, Long> largestBytes) {

    static ItemSizes read(LocalDynamoDb server) {
        Map<String, Long> largest = new LinkedHashMap<>();
        try (DynamoDbClient dynamo = server.client()) {
            for (String variable : new String[] {
                "ORDERS_TABLE", "ORDER_OUTBOX_TABLE", "ORDER_IDEMPOTENCY_TABLE", "PRODUCTS_TABLE", "RESERVATIONS_TABLE"
            }) {
                String table = LocalStores.NAMES.get(variable);
                long max = 0;
                for (var page : dynamo.scanPaginator(s -> s.tableName(table))) {
                    for (Map<String, AttributeValue> item : page.items()) {
                        max = Math.max(max, size(item));
                    }
                }
                largest.put(table, max);
            }
        }
        return new ItemSizes(largest);
    }

    long of(String table) {
        return largestBytes.getOrDefault(table, 0L);
    }

    static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (var attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + size(attribute.getValue());
        }
        return size;
    }

    private static long size(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSizes::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ItemSizes::number).sum();
            case BS ->
                value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
            case L ->
                3 + value.l().stream().mapToLong(element -> 1 + size(element)).sum();
            case M ->
                3
                        + value.m().entrySet().stream()
                                .mapToLong(e -> 1 + utf8(e.getKey()) + size(e.getValue()))
                                .sum();
            default -> 0;
        };
    }

    private static long number(String n) {
        String digits = new BigDecimal(n).unscaledValue().abs().toString().replaceAll("^0+|0+$", "");
        return Math.max(1, (digits.length() + 1) / 2) + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
