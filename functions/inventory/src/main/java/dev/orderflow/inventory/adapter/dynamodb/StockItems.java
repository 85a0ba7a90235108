package dev.orderflow.inventory.adapter.dynamodb;

import dev.orderflow.inventory.domain.LineStatus;
import dev.orderflow.inventory.domain.Outcome;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.Reservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stored shapes of products and reservations, as attribute maps: stock is changed with arithmetic update
 * expressions, which the Enhanced Client does not offer, so this adapter speaks the low-level API.
 */
final class StockItems {

    private StockItems() {}

    static Map<String, AttributeValue> product(Product product) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("productId", s(product.productId()));
        if (product.name() != null) {
            item.put("name", s(product.name()));
        }
        item.put("available", n(product.available()));
        item.put("reserved", n(product.reserved()));
        item.put("lowStockThreshold", n(product.lowStockThreshold()));
        item.put("updatedAt", s(product.updatedAt().toString()));
        item.put("version", n(product.version()));
        return item;
    }

    static Product product(Map<String, AttributeValue> item) {
        return new Product(
                item.get("productId").s(),
                item.containsKey("name") ? item.get("name").s() : null,
                number(item, "available"),
                number(item, "reserved"),
                number(item, "lowStockThreshold"),
                Instant.parse(item.get("updatedAt").s()),
                number(item, "version"));
    }

    static Map<String, AttributeValue> reservation(Reservation reservation) {
        Map<String, AttributeValue> held = new HashMap<>();
        reservation.held().forEach((product, units) -> held.put(product, n(units)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(reservation.orderId()));
        item.put("appliedVersion", n(reservation.appliedVersion()));
        item.put("state", s(reservation.state().name()));
        item.put("held", AttributeValue.fromM(held));
        if (reservation.lastOutcome() != null) {
            item.put("lastOutcome", outcome(reservation.lastOutcome()));
        }
        return item;
    }

    static Reservation reservation(Map<String, AttributeValue> item) {
        Map<String, Long> held = new HashMap<>();
        item.get("held").m().forEach((product, units) -> held.put(product, Long.parseLong(units.n())));
        Outcome last = item.containsKey("lastOutcome")
                ? outcome(item.get("lastOutcome").m())
                : null;
        return new Reservation(
                item.get("orderId").s(),
                number(item, "appliedVersion"),
                Reservation.State.valueOf(item.get("state").s()),
                held,
                last);
    }

    private static AttributeValue outcome(Outcome outcome) {
        List<AttributeValue> lines = new ArrayList<>();
        for (Outcome.Decision line : outcome.lines()) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("productId", s(line.productId()));
            m.put("quantity", n(line.quantity()));
            m.put("status", s(line.status().name()));
            if (line.reason() != null) {
                m.put("reason", s(line.reason().name()));
            }
            lines.add(AttributeValue.fromM(m));
        }
        return AttributeValue.fromM(Map.of(
                "orderVersion",
                n(outcome.orderVersion()),
                "action",
                s(outcome.action().name()),
                "lines",
                AttributeValue.fromL(lines)));
    }

    private static Outcome outcome(Map<String, AttributeValue> m) {
        List<Outcome.Decision> lines = m.get("lines").l().stream()
                .map(AttributeValue::m)
                .map(l -> new Outcome.Decision(
                        l.get("productId").s(),
                        Integer.parseInt(l.get("quantity").n()),
                        LineStatus.valueOf(l.get("status").s()),
                        l.containsKey("reason")
                                ? Outcome.Reason.valueOf(l.get("reason").s())
                                : null))
                .toList();
        return new Outcome(
                Long.parseLong(m.get("orderVersion").n()),
                Outcome.Action.valueOf(m.get("action").s()),
                lines);
    }

    static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
