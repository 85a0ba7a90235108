package dev.orderflow.order.adapter.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order routes called as API Gateway calls them, with the identity its JWT authorizer verified: a customer
 * ({@link #customer}), the back office ({@link #backOffice}), or nobody ({@link #unverified}).
 */
final class OrderApiCalls {

    private final LambdaFunctions lambda;

    OrderApiCalls(LambdaFunctions lambda) {
        this.lambda = lambda;
    }

    /** The HTTP functions against {@code dynamo}, its order tables made (they never talk to Kafka: only the relay does). */
    static OrderApiCalls against(dev.orderflow.local.infra.LocalDynamoDb dynamo) {
        try (var client = dynamo.client()) {
            dev.orderflow.order.adapter.dynamodb.OrderTables.createMissing(
                    client,
                    new dev.orderflow.order.adapter.dynamodb.OrderTableNames(
                            "orders", "order-outbox", "order-idempotency"));
        }
        return new OrderApiCalls(new LambdaFunctions(
                Map.of("DYNAMODB_ENDPOINT", dynamo.endpoint().toString(), "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9")));
    }

    /** The functions themselves, for events the helpers here do not make. */
    LambdaFunctions lambda() {
        return lambda;
    }

    JsonNode createOrder(String user, String requestBody, String idempotencyKey) {
        return createOrder(customer(user), requestBody, idempotencyKey);
    }

    JsonNode createOrder(Consumer<ObjectNode> caller, String requestBody, String idempotencyKey) {
        return lambda.invoke("createOrder", "api-create-order.json", caller.andThen(e -> {
            e.put("body", requestBody);
            ObjectNode headers = (ObjectNode) e.get("headers");
            headers.remove("content-length");
            if (idempotencyKey == null) {
                headers.remove("idempotency-key");
            } else {
                headers.put("idempotency-key", idempotencyKey);
            }
        }));
    }

    JsonNode getOrder(String user, String orderId) {
        return getOrder(customer(user), orderId);
    }

    JsonNode getOrder(Consumer<ObjectNode> caller, String orderId) {
        return lambda.invoke("getOrder", "api-get-order.json", caller.andThen(e -> pathParameter(e, orderId)));
    }

    /** The caller's own orders (no userId in the query). */
    JsonNode listOrders(String user, String limit, String cursor) {
        return listOrders(customer(user), null, limit, cursor);
    }

    JsonNode listOrders(Consumer<ObjectNode> caller, String userId, String limit, String cursor) {
        return lambda.invoke("listOrders", "api-list-orders.json", caller.andThen(e -> {
            ObjectNode query = ((ObjectNode) e.get("queryStringParameters")).put("limit", limit);
            query.remove("userId");
            if (userId != null) {
                query.put("userId", userId);
            }
            if (cursor != null) {
                query.put("cursor", cursor);
            }
        }));
    }

    /** A listing with a status filter (and a userId when not null). */
    JsonNode listOrders(Consumer<ObjectNode> caller, String userId, String status, String limit, String cursor) {
        return listOrders(
                caller.andThen(e -> ((ObjectNode) e.get("queryStringParameters")).put("status", status)),
                userId,
                limit,
                cursor);
    }

    JsonNode getOrderHistory(Consumer<ObjectNode> caller, String orderId) {
        return lambda.invoke("getOrderHistory", "api-get-order.json", caller.andThen(e -> {
            pathParameter(e, orderId);
            e.put("rawPath", "/oms/orders/" + orderId + "/history");
        }));
    }

    JsonNode getBacklog(Consumer<ObjectNode> caller) {
        return lambda.invoke("getBacklog", "api-get-order.json", caller.andThen(e -> e.put("rawPath", "/oms/backlog")));
    }

    JsonNode updateOrder(String user, String orderId, String requestBody) {
        return updateOrder(customer(user), orderId, requestBody);
    }

    JsonNode updateOrder(Consumer<ObjectNode> caller, String orderId, String requestBody) {
        return lambda.invoke("updateOrder", "api-update-order.json", caller.andThen(e -> {
            pathParameter(e, orderId);
            e.put("body", requestBody);
        }));
    }

    /** The event as API Gateway's JWT authorizer hands it over for a storefront token of {@code user}. */
    static Consumer<ObjectNode> customer(String user) {
        return verified(user, "openid orderflow/orders");
    }

    /** A back-office client's token (client credentials: the subject is the client). */
    static Consumer<ObjectNode> backOffice() {
        return verified("backoffice-client", "orderflow/orders:admin");
    }

    static Consumer<ObjectNode> verified(String subject, String scope) {
        return e -> {
            ObjectNode claims = (ObjectNode)
                    e.get("requestContext").get("authorizer").get("jwt").get("claims");
            claims.put("sub", subject).put("client_id", subject).put("scope", scope);
        };
    }

    /** No authorizer in front: the function is called directly. */
    static Consumer<ObjectNode> unverified() {
        return e -> ((ObjectNode) e.get("requestContext")).remove("authorizer");
    }

    List<JsonNode> ordersOf(String user) {
        JsonNode orders = body(listOrders(user, "100", null)).get("data").get("orders");
        var list = new ArrayList<JsonNode>();
        orders.forEach(list::add);
        return list;
    }

    static void pathParameter(ObjectNode event, String orderId) {
        ((ObjectNode) event.get("pathParameters")).put("orderId", orderId);
        event.put("rawPath", "/oms/orders/" + orderId);
    }

    static JsonNode body(JsonNode response) {
        return LambdaFunctions.JSON.readTree(response.get("body").stringValue());
    }

    static String orderId(JsonNode response) {
        return body(response).get("data").get("orderId").stringValue();
    }

    static String header(JsonNode response, String name) {
        JsonNode value = response.get("headers").get(name);
        return value == null ? null : value.stringValue();
    }

    static String uniqueUser() {
        return "user-" + UUID.randomUUID();
    }
}
