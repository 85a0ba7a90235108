package dev.orderflow.order.adapter.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.orderflow.order.domain.InvalidInput;
import dev.orderflow.order.domain.LineStatus;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.OrderChange;
import dev.orderflow.order.domain.OrderStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies into commands. Checks JSON types and unknown fields here, naming the field
 * (e.g. {@code orderItems[1].quantity}); the commands check the business limits themselves.
 */
final class OrderRequests {

    private static final Set<String> NEW_ORDER_FIELDS = Set.of("userId", "orderItems");
    private static final Set<String> NEW_LINE_FIELDS = Set.of("productId", "quantity");
    private static final Set<String> CHANGE_FIELDS = Set.of("status", "orderItems");
    private static final Set<String> LINE_CHANGE_FIELDS = Set.of("productId", "quantity", "status");

    private final JsonMapper json;

    OrderRequests(JsonMapper json) {
        this.json = json;
    }

    NewOrder newOrder(String body) {
        JsonNode root = object(parse(body), "body", NEW_ORDER_FIELDS);
        List<NewOrder.NewLine> lines = new ArrayList<>();
        JsonNode items = array(root.get("orderItems"), "orderItems");
        for (int i = 0; i < items.size(); i++) {
            String at = "orderItems[" + i + "]";
            JsonNode item = object(items.get(i), at, NEW_LINE_FIELDS);
            lines.add(new NewOrder.NewLine(string(item.get("productId"), at + ".productId"),
                    integer(item.get("quantity"), at + ".quantity")));
        }
        return new NewOrder(string(root.get("userId"), "userId"), lines);
    }

    OrderChange change(String body) {
        JsonNode root = object(parse(body), "body", CHANGE_FIELDS);
        OrderStatus status = root.has("status")
                ? OrderStatus.parse("status", string(root.get("status"), "status")) : null;
        List<OrderChange.LineChange> lines = null;
        if (root.has("orderItems")) {
            lines = new ArrayList<>();
            JsonNode items = array(root.get("orderItems"), "orderItems");
            for (int i = 0; i < items.size(); i++) {
                String at = "orderItems[" + i + "]";
                JsonNode item = object(items.get(i), at, LINE_CHANGE_FIELDS);
                Integer quantity = item.has("quantity") ? integer(item.get("quantity"), at + ".quantity") : null;
                LineStatus lineStatus = item.has("status")
                        ? LineStatus.parse(at + ".status", string(item.get("status"), at + ".status")) : null;
                lines.add(new OrderChange.LineChange(string(item.get("productId"), at + ".productId"), quantity, lineStatus));
            }
        }
        return new OrderChange(status, lines);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInput("body", "is required");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInput("body", "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static JsonNode object(JsonNode node, String field, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidInput(field, "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!allowed.contains(property.getKey())) {
                String prefix = field.equals("body") ? "" : field + ".";
                throw new InvalidInput(prefix + property.getKey(), "is not a known field");
            }
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidInput(field, "is required");
        }
        if (!node.isArray()) {
            throw new InvalidInput(field, "must be an array");
        }
        return node;
    }

    private static String string(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidInput(field, "is required");
        }
        if (!node.isString()) {
            throw new InvalidInput(field, "must be a string");
        }
        return node.stringValue();
    }

    private static int integer(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidInput(field, "is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidInput(field, "must be an integer between 1 and 10000");
        }
        return node.intValue();
    }
}
