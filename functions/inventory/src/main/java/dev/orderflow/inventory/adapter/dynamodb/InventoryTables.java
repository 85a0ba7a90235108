package dev.orderflow.inventory.adapter.dynamodb;

import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
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
                    .attributeDefinitions(string("productId"))
                    .keySchema(hash("productId"))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        }
        if (!existing.contains(names.reservations())) {
            dynamo.createTable(t -> t.tableName(names.reservations())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string("orderId"))
                    .keySchema(hash("orderId")));
        }
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
