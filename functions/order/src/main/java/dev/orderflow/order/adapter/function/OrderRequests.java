package dev.orderflow.order.adapter.function;

import static dev.orderflow.lambda.http.JsonBodies.array;
import static dev.orderflow.lambda.http.JsonBodies.integer;
import static dev.orderflow.lambda.http.JsonBodies.object;
import static dev.orderflow.lambda.http.JsonBodies.string;

import dev.orderflow.lambda.http.JsonBodies;
import dev.orderflow.order.domain.LineStatus;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.OrderChange;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.Requester;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    private static final String QUANTITY_RANGE = "between 1 and 10000";

    private final JsonBodies bodies;

    OrderRequests(JsonMapper json) {
        this.bodies = new JsonBodies(json);
    }

    /** The order {@code requester} asks for: for themself, or for the customer the body names (see {@link Requester}). */
    NewOrder newOrder(String body, Requester requester) {
        JsonNode root = bodies.object(body, NEW_ORDER_FIELDS);
        List<NewOrder.NewLine> lines = new ArrayList<>();
        JsonNode items = array(root.get("orderItems"), "orderItems");
        for (int i = 0; i < items.size(); i++) {
            String at = "orderItems[" + i + "]";
            JsonNode item = object(items.get(i), at, NEW_LINE_FIELDS);
            lines.add(new NewOrder.NewLine(
                    string(item.get("productId"), at + ".productId"),
                    integer(item.get("quantity"), at + ".quantity", QUANTITY_RANGE)));
        }
        String userId = root.has("userId") ? string(root.get("userId"), "userId") : null;
        return new NewOrder(requester.ownerOfNewOrder(userId), lines);
    }

    OrderChange change(String body) {
        JsonNode root = bodies.object(body, CHANGE_FIELDS);
        OrderStatus status =
                root.has("status") ? OrderStatus.parse("status", string(root.get("status"), "status")) : null;
        List<OrderChange.LineChange> lines = null;
        if (root.has("orderItems")) {
            lines = new ArrayList<>();
            JsonNode items = array(root.get("orderItems"), "orderItems");
            for (int i = 0; i < items.size(); i++) {
                String at = "orderItems[" + i + "]";
                JsonNode item = object(items.get(i), at, LINE_CHANGE_FIELDS);
                Integer quantity =
                        item.has("quantity") ? integer(item.get("quantity"), at + ".quantity", QUANTITY_RANGE) : null;
                LineStatus lineStatus = item.has("status")
                        ? LineStatus.parse(at + ".status", string(item.get("status"), at + ".status"))
                        : null;
                lines.add(new OrderChange.LineChange(
                        string(item.get("productId"), at + ".productId"), quantity, lineStatus));
            }
        }
        return new OrderChange(status, lines);
    }
}
