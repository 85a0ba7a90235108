package dev.orderflow.inventory.config;

import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.lambda.ContentionRetry;
import dev.orderflow.lambda.kafka.KafkaClientSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * Deploy-time settings, bound from {@code orderflow.*}; {@code inventory-service.properties} maps each to an
 * environment variable with a local default.
 *
 * @param contention how a write that lost its race to another is tried again
 */
public record InventoryProperties(Inventory inventory, Kafka kafka, Aws aws, ContentionRetry contention) {

    /**
     * @param defaultLowStockThreshold the threshold of a product created without one
     * @param consumerAttempts         how often the MSK entry point tries a record before dead-lettering it
     * @param deadLetterTopic          the dead-letter topic Inventory writes (order events it could never apply)
     */
    public record Inventory(
            String productsTable,
            String reservationsTable,
            String outcomesTopic,
            String alertsTopic,
            String deadLetterTopic,
            long defaultLowStockThreshold,
            int consumerAttempts) {

        public InventoryTableNames tables() {
            return new InventoryTableNames(productsTable, reservationsTable);
        }
    }

    /**
     * @param auth         {@code NONE} (plaintext) or {@code IAM} (MSK with IAM access control over TLS)
     * @param clientConfig a Kafka client properties file (the local broker's TLS identity), or blank
     */
    public record Kafka(String bootstrapServers, String auth, String clientConfig, Map<String, String> properties) {

        /** Producer settings: the authentication {@link KafkaClientSettings} makes of these, then {@code properties}. */
        public Map<String, Object> clientProperties() {
            Map<String, Object> all = new HashMap<>(KafkaClientSettings.of(auth, clientConfig));
            if (properties != null) {
                all.putAll(properties);
            }
            return all;
        }
    }

    public record Aws(String region, String dynamodbEndpoint) {}
}
