package dev.orderflow.local.lambda;

import java.util.HashMap;
import java.util.Map;

/**
 * What a function deployed from the SAM template needs on this machine instead of AWS: local values for the
 * variables the template fills with {@code !Ref} (named as the local runner names things), Kafka without IAM
 * authentication, and the local DynamoDB endpoint.
 */
public final class LocalStores {

    /** The tables and topics, by the variable that names them: what a test or harness creates before a function runs. */
    public static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("ORDERS_TABLE", "orders"),
            Map.entry("ORDER_OUTBOX_TABLE", "order-outbox"),
            Map.entry("ORDER_IDEMPOTENCY_TABLE", "order-idempotency"),
            Map.entry("ORDER_EVENTS_TOPIC", "order-events"),
            Map.entry("INVENTORY_EVENTS_TOPIC", "inventory-events"),
            Map.entry("INVENTORY_ALERTS_TOPIC", "inventory-alerts"),
            Map.entry("PRODUCTS_TABLE", "inventory-products"),
            Map.entry("RESERVATIONS_TABLE", "inventory-reservations"));

    private LocalStores() {}

    public static Map<String, String> environment(String kafkaBootstrapServers, String dynamoDbEndpoint) {
        Map<String, String> environment = new HashMap<>(NAMES);
        // the template's parameter defaults
        environment.put("DEFAULT_LOW_STOCK_THRESHOLD", "5");
        environment.put("CUSTOMER_MAX_OPEN_ORDERS", "10");
        environment.put("CUSTOMER_MAX_UNITS_PER_PRODUCT", "100");
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("KAFKA_AUTH", "NONE");
        environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint);
        return Map.copyOf(environment);
    }
}
