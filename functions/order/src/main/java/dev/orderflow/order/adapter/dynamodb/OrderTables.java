package dev.orderflow.order.adapter.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates the order tables where nothing else does: the local runner and the tests. On AWS the SAM
 * template declares the same tables; keep the two in step.
 */
public final class OrderTables {

    private OrderTables() {}

    /** Creates whichever of the three tables are missing, with the outbox streaming new images to the relay. */
    public static void createMissing(DynamoDbClient dynamo, OrderTableNames names) {
        Set<String> existing =
                Set.copyOf(dynamo.listTablesPaginator().tableNames().stream().toList());
        if (!existing.contains(names.orders())) {
            dynamo.createTable(ordersTable(names.orders()));
        } else {
            addIndexesIfMissing(dynamo, names.orders());
        }
        if (!existing.contains(names.outbox())) {
            dynamo.createTable(keyedBy(names.outbox(), "eventId").toBuilder()
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                    .build());
            enableTtl(dynamo, names.outbox());
        }
        if (!existing.contains(names.idempotency())) {
            dynamo.createTable(keyedBy(names.idempotency(), "idempotencyKey"));
            enableTtl(dynamo, names.idempotency());
        }
    }

    private static CreateTableRequest ordersTable(String name) {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>(List.of(
                index(OrderRecords.BY_USER_INDEX, "userId", "createdAt"),
                index(OrderRecords.PENDING_INDEX, "pendingShard", "updatedAt")));
        ADDED_LATER.forEach(added -> indexes.add(added.index()));
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string("orderId"),
                        string("userId"),
                        string("createdAt"),
                        string("pendingShard"),
                        string("updatedAt"),
                        string("paymentShard"),
                        string("confirmedAt"),
                        string("createdMonth"),
                        string("status"))
                .keySchema(hash("orderId"))
                .globalSecondaryIndexes(indexes)
                .build();
    }

    /** The indexes added after the first tables were made, each with the attributes it needs. */
    private record AddedIndex(GlobalSecondaryIndex index, String hashKey, String rangeKey) {

        AddedIndex(String name, String hashKey, String rangeKey) {
            this(OrderTables.index(name, hashKey, rangeKey), hashKey, rangeKey);
        }
    }

    private static final List<AddedIndex> ADDED_LATER = List.of(
            new AddedIndex(OrderRecords.PAYMENT_INDEX, "paymentShard", "confirmedAt"),
            new AddedIndex(OrderRecords.RECENT_INDEX, "createdMonth", "createdAt"),
            new AddedIndex(OrderRecords.BY_STATUS_INDEX, "status", "createdAt"));

    /**
     * An orders table made before an index existed gets it, one at a time (as DynamoDB allows); orders placed before
     * the month was kept get theirs, so the back office's listing shows them.
     */
    private static void addIndexesIfMissing(DynamoDbClient dynamo, String table) {
        for (AddedIndex added : ADDED_LATER) {
            boolean present = dynamo.describeTable(d -> d.tableName(table)).table().globalSecondaryIndexes().stream()
                    .anyMatch(index -> index.indexName().equals(added.index.indexName()));
            if (!present) {
                dynamo.updateTable(u -> u.tableName(table)
                        .attributeDefinitions(string(added.hashKey), string(added.rangeKey))
                        .globalSecondaryIndexUpdates(g -> g.create(c -> c.indexName(added.index.indexName())
                                .keySchema(added.index.keySchema())
                                .projection(added.index.projection()))));
                if (added.hashKey.equals("createdMonth")) {
                    backfillMonths(dynamo, table);
                }
            }
        }
    }

    /** Sets {@code createdMonth} on every order without it: a scan, once, on a table of the local runner or a test. */
    private static void backfillMonths(DynamoDbClient dynamo, String table) {
        dynamo.scanPaginator(s -> s.tableName(table)
                        .filterExpression("attribute_exists(createdAt) AND attribute_not_exists(createdMonth)")
                        .projectionExpression("orderId, createdAt"))
                .items()
                .forEach(item -> dynamo.updateItem(u -> u.tableName(table)
                        .key(Map.of("orderId", item.get("orderId")))
                        .updateExpression("SET createdMonth = :month")
                        .conditionExpression("attribute_exists(orderId)")
                        .expressionAttributeValues(Map.of(
                                ":month",
                                AttributeValue.fromS(item.get("createdAt").s().substring(0, 7))))));
    }

    private static GlobalSecondaryIndex index(String name, String hashKey, String rangeKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(
                        hash(hashKey),
                        KeySchemaElement.builder()
                                .attributeName(rangeKey)
                                .keyType(KeyType.RANGE)
                                .build())
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
    }

    private static CreateTableRequest keyedBy(String name, String key) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(List.of(string(key)))
                .keySchema(hash(key))
                .build();
    }

    private static void enableTtl(DynamoDbClient dynamo, String table) {
        dynamo.updateTimeToLive(t ->
                t.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder()
                .attributeName(name)
                .keyType(KeyType.HASH)
                .build();
    }
}
