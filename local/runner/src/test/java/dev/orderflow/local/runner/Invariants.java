package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * What must hold after any fault, checked from outside through the API and the topics: the promises of the README,
 * in the words of the fault-tolerance issue.
 */
final class Invariants {

    static final Set<String> FINAL = Set.of("CONFIRMED", "PARTIALLY_CONFIRMED", "REJECTED", "CANCELED");

    private Invariants() {}

    /** Every confirmed request is exactly one order of the user, and the user has no other. */
    static void everyRequestIsExactlyOneOrder(List<Storefront.Placed> placed, List<JsonNode> ordersOfUser) {
        Set<String> keys = new HashSet<>();
        placed.forEach(p -> assertThat(keys.add(p.key()))
                .as("key %s confirmed twice", p.key())
                .isTrue());
        assertThat(ordersOfUser)
                .extracting(o -> o.path("orderId").asString())
                .as("the user's orders are exactly the confirmed ones")
                .containsExactlyInAnyOrderElementsOf(
                        placed.stream().map(Storefront.Placed::orderId).toList());
    }

    /** Every order is final, and no line was given up for want of an answer from Inventory. */
    static void everyOrderIsFinalAndNoLineTimedOut(List<JsonNode> orders) {
        for (JsonNode order : orders) {
            assertThat(order.path("status").asString())
                    .as("status of %s", order.path("orderId"))
                    .isIn(FINAL);
            order.path("orderItems")
                    .forEach(line -> assertThat(line.path("reason").asString(""))
                            .as("reason of a line of %s", order.path("orderId"))
                            .isNotEqualTo("INVENTORY_TIMEOUT"));
        }
    }

    /**
     * Stock is conserved and exact: {@code available + reserved} is the initial stock (no restocks or shipments in
     * these scenarios), and {@code reserved} is what the orders show EXECUTED, so nothing was sold twice or lost.
     */
    static void stockMatchesTheOrders(String productId, int initial, JsonNode product, List<JsonNode> orders) {
        long executed = orders.stream()
                .flatMap(o -> stream(o.path("orderItems")))
                .filter(l -> l.path("productId").asString().equals(productId)
                        && l.path("status").asString().equals("EXECUTED"))
                .mapToLong(l -> l.path("quantity").asLong())
                .sum();
        long available = product.path("available").asLong();
        long reserved = product.path("reserved").asLong();
        assertThat(available + reserved)
                .as("available + reserved of %s", productId)
                .isEqualTo(initial);
        assertThat(reserved)
                .as("reserved of %s = units EXECUTED in orders", productId)
                .isEqualTo(executed);
    }

    /** Nothing valid went to a dead-letter topic (the scenarios send no poison). */
    static void nothingWasDeadLettered(List<ConsumerRecord<String, String>> deadLetters) {
        assertThat(deadLetters)
                .as("dead letters")
                .extracting(r -> r.topic() + "@" + r.offset() + " " + header(r, "x-exception-message"))
                .isEmpty();
    }

    /** Each alert of {@code productId} fired for one crossing only: duplicates carry the same id. */
    static void alertsFireOncePerCrossing(
            String productId, List<ConsumerRecord<String, String>> alerts, Map<String, Integer> expected) {
        Map<String, Set<String>> idsByType = new HashMap<>();
        alerts.stream()
                .filter(r -> productId.equals(r.key()))
                .map(r -> Storefront.JSON.readTree(r.value()))
                .forEach(alert -> idsByType
                        .computeIfAbsent(alert.path("data").path("alert").asString(), t -> new HashSet<>())
                        .add(alert.path("id").asString()));
        Map<String, Integer> crossings = new HashMap<>();
        idsByType.forEach((type, ids) -> crossings.put(type, ids.size()));
        assertThat(crossings).as("distinct alerts of %s by type", productId).isEqualTo(expected);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
