package dev.orderflow.order.config;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.orderflow.order.adapter.dynamodb.OrderTableNames;

/**
 * Deploy-time settings, bound from {@code orderflow.*}; {@code application.properties} maps each to an
 * environment variable with a local default (see the README's configuration table).
 *
 * @param tables the DynamoDB tables
 * @param topics the Kafka topics
 * @param kafka  how to reach Kafka; {@code properties} are passed to the producer as they are (e.g. MSK IAM auth)
 * @param aws    region, and an endpoint override for a local DynamoDB (blank on AWS)
 */
@ConfigurationProperties("orderflow")
public record OrderProperties(Tables tables, Topics topics, Kafka kafka, Aws aws) {

    public record Tables(String orders, String outbox, String idempotency) {

        public OrderTableNames names() {
            return new OrderTableNames(orders, outbox, idempotency);
        }
    }

    public record Topics(String orderEvents) {
    }

    public record Kafka(String bootstrapServers, Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    public record Aws(String region, String dynamodbEndpoint) {
    }
}
