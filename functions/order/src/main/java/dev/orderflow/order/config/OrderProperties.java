package dev.orderflow.order.config;

import dev.orderflow.lambda.ContentionRetry;
import dev.orderflow.lambda.kafka.KafkaClientSettings;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.application.RedrivePolicy;
import dev.orderflow.order.domain.CustomerLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Deploy-time settings, bound from {@code orderflow.*}; {@code order-service.properties} maps each to an
 * environment variable with a local default (see the README's configuration table).
 *
 * @param tables the DynamoDB tables
 * @param topics the Kafka topics
 * @param kafka  how to reach Kafka; {@code properties} are passed to the producer as they are (e.g. MSK IAM auth)
 * @param aws    region, and an endpoint override for a local DynamoDB (blank on AWS)
 * @param api    what the HTTP API serves
 * @param limits what one customer may hold in open unpaid orders
 * @param contention how a write that lost its race to another is tried again
 */
public record OrderProperties(
        Tables tables,
        Topics topics,
        Kafka kafka,
        Aws aws,
        Redrive redrive,
        Payment payment,
        Api api,
        Limits limits,
        ContentionRetry contention) {

    /**
     * @param maxOpenOrders      open unpaid orders one customer may have ({@code CUSTOMER_MAX_OPEN_ORDERS})
     * @param maxUnitsPerProduct units of one product one customer may hold across them ({@code CUSTOMER_MAX_UNITS_PER_PRODUCT})
     */
    public record Limits(int maxOpenOrders, int maxUnitsPerProduct) {

        public CustomerLimits customerLimits() {
            return new CustomerLimits(maxOpenOrders, maxUnitsPerProduct);
        }
    }

    /** @param hold how long a confirmed order may wait for payment before it EXPIRES ({@code PT0S}: no hold) */
    public record Payment(Duration hold) {}

    /** @param routes the HTTP API's routes, for the {@code $default} route's 405 answers ({@code API_ROUTES}) */
    public record Api(String routes) {}

    /**
     * @param after       how long an order may stay PENDING before its event is first published again
     * @param maxInterval the longest wait between two re-publications (they back off exponentially up to it)
     * @param deadline    how long an order may wait for Inventory before its PENDING lines are cancelled
     * @param alertAfter  how long an order may wait before the re-drive warns operators about it
     * @param batchSize   orders handled per scheduled run
     */
    public record Redrive(Duration after, Duration maxInterval, Duration deadline, Duration alertAfter, int batchSize) {

        public RedrivePolicy policy() {
            return new RedrivePolicy(after, maxInterval, deadline, alertAfter);
        }
    }

    public record Tables(String orders, String outbox, String idempotency) {

        public OrderTableNames names() {
            return new OrderTableNames(orders, outbox, idempotency);
        }
    }

    /**
     * @param deadLetters the dead-letter topic Order Management writes (Inventory's answers it could never apply)
     */
    public record Topics(String orderEvents, String deadLetters) {}

    /**
     * @param auth             {@code NONE} (plaintext) or {@code IAM} (MSK with IAM access control over TLS)
     * @param clientConfig     a Kafka client properties file (the local broker's TLS identity), or blank
     * @param consumerAttempts how often the MSK entry point tries a record before dead-lettering it
     */
    public record Kafka(
            String bootstrapServers,
            String auth,
            String clientConfig,
            int consumerAttempts,
            Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        /** Producer settings: the authentication {@link KafkaClientSettings} makes of these, then {@code properties}. */
        public Map<String, Object> clientProperties() {
            Map<String, Object> all = new HashMap<>(KafkaClientSettings.of(auth, clientConfig));
            all.putAll(properties);
            return all;
        }
    }

    public record Aws(String region, String dynamodbEndpoint) {}
}
