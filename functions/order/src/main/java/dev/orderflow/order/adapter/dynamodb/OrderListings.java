package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.order.adapter.dynamodb.OrderRecords.OrderRecord;
import dev.orderflow.order.application.OrderPage;
import dev.orderflow.order.application.Orders;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The listings of orders, newest first, each a Query of one index partition, one order more than the page (a next page
 * exists only if it does, so a full last page has no cursor): a customer's ({@code byUser}), every customer's in one
 * status ({@code byStatus}), and every customer's by month placed ({@code recent}), month after month back to
 * {@link Orders#RECENT_MONTHS} months ago. A customer's listing in one status filters their partition, reading at
 * most {@link #FILTERED_READS} orders a page: a page may then be short, and its cursor goes on from where it stopped.
 */
final class OrderListings {

    static final int FILTERED_READS = 500;

    private final DynamoDbIndex<OrderRecord> byUser;
    private final DynamoDbIndex<OrderRecord> byStatus;
    private final DynamoDbIndex<OrderRecord> recent;
    private final Clock clock;

    OrderListings(DynamoDbTable<OrderRecord> orders, Clock clock) {
        this.byUser = orders.index(OrderRecords.BY_USER_INDEX);
        this.byStatus = orders.index(OrderRecords.BY_STATUS_INDEX);
        this.recent = orders.index(OrderRecords.RECENT_INDEX);
        this.clock = clock;
    }

    OrderPage byUser(String userId, OrderStatus status, int limit, String cursor) {
        var start = PageCursor.decode(cursor, "userId", userId::equals, "another userId");
        Expression filter = status == null
                ? null
                : Expression.builder()
                        .expression("#status = :status")
                        .putExpressionName("#status", "status")
                        .putExpressionValue(":status", AttributeValue.fromS(status.name()))
                        .build();
        Collected got = collect(byUser, userId, filter, limit, start == null ? null : start.startKey());
        return got.page(userId, limit);
    }

    OrderPage byStatus(OrderStatus status, int limit, String cursor) {
        var start = PageCursor.decode(cursor, "status", status.name()::equals, "another status");
        return collect(byStatus, status.name(), null, limit, start == null ? null : start.startKey())
                .page(status.name(), limit);
    }

    OrderPage recent(int limit, String cursor) {
        YearMonth newest = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth oldest = newest.minusMonths(Orders.RECENT_MONTHS - 1);
        var start = PageCursor.decode(
                cursor, "createdMonth", month -> within(month, oldest, newest), "another listing or a month gone by");
        YearMonth month = start == null ? newest : YearMonth.parse(start.partition());
        Map<String, AttributeValue> startKey = start == null ? null : start.startKey();
        List<OrderRecord> found = new ArrayList<>();
        List<String> months = new ArrayList<>();
        for (; !month.isBefore(oldest) && found.size() <= limit; month = month.minusMonths(1), startKey = null) {
            Collected got = collect(recent, month.toString(), null, limit - found.size(), startKey);
            for (OrderRecord record : got.items()) {
                found.add(record);
                months.add(month.toString());
            }
        }
        List<OrderRecord> page = found.subList(0, Math.min(limit, found.size()));
        String next = found.size() > limit ? PageCursor.after(months.get(limit - 1), found.get(limit - 1)) : null;
        return new OrderPage(page.stream().map(OrderMapper::toOrder).toList(), next);
    }

    private static boolean within(String month, YearMonth oldest, YearMonth newest) {
        try {
            YearMonth parsed = YearMonth.parse(month);
            return !parsed.isBefore(oldest) && !parsed.isAfter(newest);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Up to {@code limit + 1} orders of one index partition from {@code startKey} on, newest first, and where reading
     * stopped when a filter left the page short.
     */
    private static Collected collect(
            DynamoDbIndex<OrderRecord> index,
            String partition,
            Expression filter,
            int limit,
            Map<String, AttributeValue> startKey) {
        var request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(partition).build()))
                .scanIndexForward(false)
                .limit(filter == null ? limit + 1 : Math.min(FILTERED_READS, 4 * (limit + 1)))
                .exclusiveStartKey(startKey);
        if (filter != null) {
            request.filterExpression(filter);
        }
        List<OrderRecord> items = new ArrayList<>();
        Iterator<Page<OrderRecord>> pages = index.query(request.build()).iterator();
        int read = 0;
        while (pages.hasNext()) {
            Page<OrderRecord> page = pages.next();
            items.addAll(page.items());
            read += page.scannedCount() == null ? page.items().size() : page.scannedCount();
            if (items.size() > limit || page.lastEvaluatedKey() == null) {
                return new Collected(items, null);
            }
            if (filter == null || read >= FILTERED_READS) {
                return new Collected(items, filter == null ? null : page.lastEvaluatedKey());
            }
        }
        return new Collected(items, null);
    }

    /** @param stoppedAt where a filtered read stopped short of a full page with more to read; null otherwise */
    private record Collected(List<OrderRecord> items, Map<String, AttributeValue> stoppedAt) {

        OrderPage page(String partition, int limit) {
            String next;
            if (items.size() > limit) {
                next = PageCursor.after(partition, items.get(limit - 1));
            } else {
                next = stoppedAt == null ? null : PageCursor.after(partition, stoppedAt);
            }
            return new OrderPage(
                    items.stream().limit(limit).map(OrderMapper::toOrder).toList(), next);
        }
    }
}
