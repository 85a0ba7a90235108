package dev.orderflow.order.adapter.dynamodb;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
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
            addPaymentIndexIfMissing(dynamo, names.orders());
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
                        string("confirmedAt"))
                .keySchema(hash("orderId"))
                .globalSecondaryIndexes(
                        index(OrderRecords.BY_USER_INDEX, "userId", "createdAt"),
                        index(OrderRecords.PENDING_INDEX, "pendingShard", "updatedAt"),
                        paymentIndex())
                .build();
    }

    private static GlobalSecondaryIndex paymentIndex() {
        return index(OrderRecords.PAYMENT_INDEX, "paymentShard", "confirmedAt");
    }

    /** An orders table made before the payment hold counted from the first confirmation gets its index (and backfills it). */
    private static void addPaymentIndexIfMissing(DynamoDbClient dynamo, String table) {
        boolean present = dynamo.describeTable(d -> d.tableName(table)).table().globalSecondaryIndexes().stream()
                .anyMatch(index -> index.indexName().equals(OrderRecords.PAYMENT_INDEX));
        if (!present) {
            GlobalSecondaryIndex index = paymentIndex();
            dynamo.updateTable(u -> u.tableName(table)
                    .attributeDefinitions(string("paymentShard"), string("confirmedAt"))
                    .globalSecondaryIndexUpdates(g -> g.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema())
                            .projection(index.projection()))));
        }
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
