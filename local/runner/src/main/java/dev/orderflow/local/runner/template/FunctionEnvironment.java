package dev.orderflow.local.runner.template;

import dev.orderflow.contracts.Topics;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.lambda.kafka.DeadLetters;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SAM template's {@code Globals} give every function, pointed at the local infrastructure: the tables' and
 * topics' local names (the services' own defaults), where Kafka and DynamoDB are, and the schedules' settings. A
 * service process sets them as system properties before its functions start; the platform uses the same names for
 * the tables it creates and the streams it reads.
 */
public final class FunctionEnvironment {

    public static final OrderTableNames ORDER_TABLES =
            new OrderTableNames("orders", "order-outbox", "order-idempotency");
    public static final InventoryTableNames INVENTORY_TABLES =
            new InventoryTableNames("inventory-products", "inventory-reservations");
    public static final List<String> TOPICS = List.of(
            Topics.ORDER_EVENTS,
            Topics.INVENTORY_EVENTS,
            Topics.INVENTORY_ALERTS,
            DeadLetters.topicOf(Topics.ORDER_EVENTS),
            DeadLetters.topicOf(Topics.INVENTORY_EVENTS));
    public static final int PARTITIONS = 3;

    private FunctionEnvironment() {}

    /** The local table named by one of the template's table variables, e.g. {@code ORDER_OUTBOX_TABLE}. */
    public static String table(String variable) {
        String table = tables().get(variable);
        if (table == null) {
            throw new IllegalArgumentException("no local table for " + variable);
        }
        return table;
    }

    /**
     * Sets the functions' environment as system properties of this process (where Spring reads it as environment).
     *
     * @param kafkaClientConfig the service's Kafka client properties file (its TLS identity), or null for plaintext
     */
    public static void apply(
            URI dynamoDbEndpoint,
            String kafkaBootstrap,
            Path kafkaClientConfig,
            Duration redriveAfter,
            Duration paymentHold,
            String apiRoutes) {
        Map<String, String> environment = new LinkedHashMap<>(tables());
        environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        environment.put("KAFKA_AUTH", "NONE");
        if (kafkaClientConfig != null) {
            environment.put(
                    "KAFKA_CLIENT_CONFIG", kafkaClientConfig.toAbsolutePath().toString());
        }
        environment.put("ORDER_EVENTS_TOPIC", Topics.ORDER_EVENTS);
        environment.put("INVENTORY_EVENTS_TOPIC", Topics.INVENTORY_EVENTS);
        environment.put("INVENTORY_ALERTS_TOPIC", Topics.INVENTORY_ALERTS);
        environment.put("REDRIVE_AFTER", redriveAfter.toString());
        environment.put("PAYMENT_HOLD", paymentHold.toString());
        // what the template gives the $default route's function
        environment.put("API_ROUTES", apiRoutes);
        environment.put("spring.main.banner-mode", "off");
        // every function environment is a Spring application: without this, each logs its start-up at INFO
        environment.put("spring.main.log-startup-info", "false");
        environment.put("spring.output.ansi.enabled", "never");
        environment.forEach(System::setProperty);
    }

    private static Map<String, String> tables() {
        return Map.of(
                "ORDERS_TABLE",
                ORDER_TABLES.orders(),
                "ORDER_OUTBOX_TABLE",
                ORDER_TABLES.outbox(),
                "ORDER_IDEMPOTENCY_TABLE",
                ORDER_TABLES.idempotency(),
                "PRODUCTS_TABLE",
                INVENTORY_TABLES.products(),
                "RESERVATIONS_TABLE",
                INVENTORY_TABLES.reservations());
    }
}
