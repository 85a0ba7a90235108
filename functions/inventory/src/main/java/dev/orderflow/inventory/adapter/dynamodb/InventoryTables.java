package dev.orderflow.inventory.adapter.dynamodb;

import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates the inventory tables where nothing else does (the local runner, tests); the SAM template declares them on AWS. */
public final class InventoryTables {

    private InventoryTables() {}

    public static void createMissing(DynamoDbClient dynamo, InventoryTableNames names) {
        Set<String> existing =
                Set.copyOf(dynamo.listTablesPaginator().tableNames().stream().toList());
        if (!existing.contains(names.products())) {
            dynamo.createTable(t -> t.tableName(names.products())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string("productId"), string("alertFeed"), string("lastAlertAt"))
                    .keySchema(hash("productId"))
                    .globalSecondaryIndexes(alertIndex())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        } else if (dynamo.describeTable(d -> d.tableName(names.products())).table().globalSecondaryIndexes().stream()
                .noneMatch(index -> index.indexName().equals(DynamoDbAlertFeed.INDEX))) {
            // a products table made before the alert feed gets its index (the feed fills with the next alerts)
            GlobalSecondaryIndex index = alertIndex();
            dynamo.updateTable(u -> u.tableName(names.products())
                    .attributeDefinitions(string("alertFeed"), string("lastAlertAt"))
                    .globalSecondaryIndexUpdates(g -> g.create(c -> c.indexName(index.indexName())
                            .keySchema(index.keySchema())
                            .projection(index.projection()))));
        }
        if (!existing.contains(names.reservations())) {
            dynamo.createTable(t -> t.tableName(names.reservations())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string("orderId"))
                    .keySchema(hash("orderId")));
        }
    }

    /** Sparse: only products that raised an alert carry {@code alertFeed}; by the latest alert's time. */
    private static GlobalSecondaryIndex alertIndex() {
        return GlobalSecondaryIndex.builder()
                .indexName(DynamoDbAlertFeed.INDEX)
                .keySchema(
                        hash("alertFeed"),
                        KeySchemaElement.builder()
                                .attributeName("lastAlertAt")
                                .keyType(KeyType.RANGE)
                                .build())
                .projection(p -> p.projectionType(ProjectionType.ALL))
                .build();
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
