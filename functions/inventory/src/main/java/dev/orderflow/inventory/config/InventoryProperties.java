package dev.orderflow.inventory.config;

import java.util.HashMap;
import java.util.Map;

import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.lambda.kafka.EventProducer;

/**
 * Deploy-time settings, bound from {@code orderflow.*}; {@code inventory-service.properties} maps each to an
 * environment variable with a local default.
 */
public record InventoryProperties(Inventory inventory, Kafka kafka, Aws aws) {

    /**
     * @param defaultLowStockThreshold the threshold of a product created without one
     * @param consumerAttempts         how often the MSK entry point tries a record before dead-lettering it
     */
    public record Inventory(String productsTable, String reservationsTable, String outcomesTopic, String alertsTopic,
            long defaultLowStockThreshold, int consumerAttempts) {

        public InventoryTableNames tables() {
            return new InventoryTableNames(productsTable, reservationsTable);
        }
    }

    public record Kafka(String bootstrapServers, String auth, Map<String, String> properties) {

        public Map<String, Object> clientProperties() {
            Map<String, Object> all = new HashMap<>(EventProducer.authProperties(auth));
            if (properties != null) {
                all.putAll(properties);
            }
            return all;
        }
    }

    public record Aws(String region, String dynamodbEndpoint) {
    }
}
