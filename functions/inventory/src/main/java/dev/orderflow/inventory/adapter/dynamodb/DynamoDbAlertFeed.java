package dev.orderflow.inventory.adapter.dynamodb;

import dev.orderflow.inventory.application.AlertFeed;
import dev.orderflow.inventory.application.InventoryEvents.StockChange;
import dev.orderflow.inventory.domain.StockAlerts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link AlertFeed} on the products table: a product's latest alert is kept on its item ({@code lastAlert...}), which
 * then carries {@code alertFeed} and so enters the sparse {@value #INDEX} index, by the alert's time. Reading the
 * feed is one Query of that index; recording is one conditional UpdateItem (its stream record raises no alert: the
 * available units do not move).
 */
public final class DynamoDbAlertFeed implements AlertFeed {

    static final String INDEX = "alerts";
    static final String FEED = "ALERTS";
    /** Fixed width, so times sort as text. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String products;

    public DynamoDbAlertFeed(DynamoDbClient dynamo, InventoryTableNames tables) {
        this.dynamo = dynamo;
        this.products = tables.products();
    }

    @Override
    public void record(StockChange change, StockAlerts.Alert alert) {
        try {
            dynamo.updateItem(u -> u.tableName(products)
                    .key(Map.of("productId", AttributeValue.fromS(change.productId())))
                    .updateExpression("SET alertFeed = :feed, lastAlert = :alert, lastAlertAt = :at,"
                            + " lastAlertAvailable = :available, lastAlertThreshold = :threshold")
                    .conditionExpression("attribute_exists(productId)"
                            + " AND (attribute_not_exists(lastAlertAt) OR lastAlertAt <= :at)")
                    .expressionAttributeValues(Map.of(
                            ":feed", AttributeValue.fromS(FEED),
                            ":alert", AttributeValue.fromS(alert.name()),
                            ":at", AttributeValue.fromS(TIME.format(change.changedAt())),
                            ":available", AttributeValue.fromN(Long.toString(change.availableAfter())),
                            ":threshold", AttributeValue.fromN(Long.toString(change.lowStockThreshold())))));
        } catch (ConditionalCheckFailedException e) {
            // the product holds a newer alert already (or is gone): nothing to keep
        }
    }

    @Override
    public List<RecentAlert> recent(int limit) {
        return dynamo
                .query(q -> q.tableName(products)
                        .indexName(INDEX)
                        .keyConditionExpression("alertFeed = :feed")
                        .expressionAttributeValues(Map.of(":feed", AttributeValue.fromS(FEED)))
                        .scanIndexForward(false)
                        .limit(limit))
                .items()
                .stream()
                .map(item -> new RecentAlert(
                        item.get("productId").s(),
                        StockAlerts.Alert.valueOf(item.get("lastAlert").s()),
                        Long.parseLong(item.get("lastAlertAvailable").n()),
                        Long.parseLong(item.get("lastAlertThreshold").n()),
                        Instant.from(TIME.parse(item.get("lastAlertAt").s()))))
                .toList();
    }
}
