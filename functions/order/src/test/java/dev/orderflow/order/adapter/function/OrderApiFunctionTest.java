package dev.orderflow.order.adapter.function;

import static dev.orderflow.order.adapter.function.OpenApiContract.assertConforms;
import static dev.orderflow.order.adapter.function.OrderApiCalls.body;
import static dev.orderflow.order.adapter.function.OrderApiCalls.header;
import static dev.orderflow.order.adapter.function.OrderApiCalls.orderId;
import static dev.orderflow.order.adapter.function.OrderApiCalls.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.LocalDynamoDb;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The HTTP functions as Lambda runs them: API Gateway HTTP API (payload 2.0) event JSON through
 * {@code FunctionInvoker.handleRequest}, against a real DynamoDB-compatible server. Responses are checked
 * against the OpenAPI contract.
 */
class OrderApiFunctionTest {

    private static LocalDynamoDb dynamo;
    private static LambdaFunctions lambda;
    private static OrderApiCalls api;

    @BeforeAll
    static void startStore() {
        dynamo = LocalDynamoDb.start(0, null);
        api = OrderApiCalls.against(dynamo);
        lambda = api.lambda();
    }

    @AfterAll
    static void stopStore() {
        dynamo.close();
    }

    @Test
    void createOrderAnswers201WithThePendingOrderAndItsLocation() {
        String user = uniqueUser();

        JsonNode response = api.createOrder(
                user,
                "{\"userId\":\"" + user
                        + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":2},{\"productId\":\"sku-2\",\"quantity\":1}]}",
                null);

        assertThat(response.get("statusCode").intValue()).isEqualTo(201);
        JsonNode order = body(response).get("data");
        assertThat(order.get("status").stringValue()).isEqualTo("PENDING");
        assertThat(order.get("orderItems")).hasSize(2);
        assertThat(order.get("orderItems").get(0).get("status").stringValue()).isEqualTo("PENDING");
        assertThat(order.get("version").intValue()).isEqualTo(1);
        assertThat(header(response, "Location"))
                .isEqualTo("/oms/orders/" + order.get("orderId").stringValue());
        assertThat(header(response, "X-Correlation-Id")).isEqualTo("req-create-0001");
        assertConforms("/oms/orders", "post", 201, body(response));
    }

    @Test
    void retryWithTheSameIdempotencyKeyReturnsTheSameOrder() {
        String user = uniqueUser();
        String key = "checkout-" + UUID.randomUUID();
        String request = "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}";

        JsonNode first = api.createOrder(user, request, key);
        JsonNode retry = api.createOrder(user, request, key);

        assertThat(retry.get("statusCode").intValue()).isEqualTo(201);
        assertThat(orderId(retry)).isEqualTo(orderId(first));
        assertThat(header(retry, "Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.ordersOf(user)).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String user = uniqueUser();
        String key = "checkout-" + UUID.randomUUID();
        api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}", key);

        JsonNode reuse = api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":9}]}", key);

        assertThat(reuse.get("statusCode").intValue()).isEqualTo(409);
        assertThat(body(reuse).get("error").stringValue()).contains("Idempotency-Key");
        assertThat(api.ordersOf(user)).hasSize(1);
        assertConforms("/oms/orders", "post", 409, body(reuse));
    }

    @Test
    void getOrderReturnsTheStoredOrder() {
        String user = uniqueUser();
        JsonNode created = body(api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":3}]}", null));

        JsonNode response =
                api.getOrder(user, created.get("data").get("orderId").stringValue());

        assertThat(response.get("statusCode").intValue()).isEqualTo(200);
        assertThat(body(response).get("data")).isEqualTo(created.get("data"));
        assertConforms("/oms/orders/{orderId}", "get", 200, body(response));
    }

    @Test
    void getUnknownOrderIs404() {
        String user = uniqueUser();
        JsonNode response = api.getOrder(user, "no-such-order");

        assertThat(response.get("statusCode").intValue()).isEqualTo(404);
        assertThat(body(response).get("error").stringValue()).contains("no-such-order");
        assertConforms("/oms/orders/{orderId}", "get", 404, body(response));
    }

    @Test
    void listOrdersPagesNewestFirst() {
        String user = uniqueUser();
        String first = orderId(api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":1}]}", null));
        String second = orderId(api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"b\",\"quantity\":1}]}", null));
        String third = orderId(api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"c\",\"quantity\":1}]}", null));

        JsonNode page1 = body(api.listOrders(user, "2", null));
        JsonNode page2 = body(
                api.listOrders(user, "2", page1.get("data").get("nextCursor").stringValue()));

        assertThat(page1.get("data").get("orders").findValuesAsString("orderId"))
                .containsExactly(third, second);
        assertThat(page2.get("data").get("orders").findValuesAsString("orderId"))
                .containsExactly(first);
        assertConforms("/oms/orders", "get", 200, page1);
    }

    @Test
    void updateOrderCancelsIt() {
        String user = uniqueUser();
        String id = orderId(api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}", null));

        JsonNode response = api.updateOrder(user, id, "{\"status\":\"CANCELED\"}");

        assertThat(response.get("statusCode").intValue()).isEqualTo(200);
        JsonNode order = body(response).get("data");
        assertThat(order.get("status").stringValue()).isEqualTo("CANCELED");
        assertThat(order.get("version").intValue()).isEqualTo(2);
        assertThat(order.get("orderItems").get(0).get("reason").stringValue()).isEqualTo("ORDER_CANCELED");
        assertConforms("/oms/orders/{orderId}", "put", 200, body(response));
    }

    @Test
    void updateOrderRefusesAForbiddenTransitionAndChangesNothing() {
        String user = uniqueUser();
        String id = orderId(api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}", null));

        JsonNode response = api.updateOrder(OrderApiCalls.backOffice(), id, "{\"status\":\"SHIPPED\"}");

        assertThat(response.get("statusCode").intValue()).isEqualTo(409);
        assertThat(body(response).get("error").stringValue())
                .contains("PENDING")
                .contains("SHIPPED");
        assertThat(body(api.getOrder(user, id)).get("data").get("version").intValue())
                .isEqualTo(1);
        assertConforms("/oms/orders/{orderId}", "put", 409, body(response));
    }

    @Test
    void clientsCannotExecuteALine() {
        String user = uniqueUser();
        String id = orderId(api.createOrder(
                user, "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}", null));

        JsonNode response =
                api.updateOrder(user, id, "{\"orderItems\":[{\"productId\":\"sku-1\",\"status\":\"EXECUTED\"}]}");

        assertThat(response.get("statusCode").intValue()).isEqualTo(409);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "malformed JSON          | {\"userId\":                                                     | body",
                "not an object           | [1,2]                                                            | body",
                "blank userId            | {\"userId\":\" \",\"orderItems\":[{\"productId\":\"a\",\"quantity\":1}]} | userId",
                "userId not a string     | {\"userId\":7,\"orderItems\":[{\"productId\":\"a\",\"quantity\":1}]} | userId",
                "empty orderItems        | {\"userId\":\"u\",\"orderItems\":[]}                              | orderItems",
                "orderItems not an array | {\"userId\":\"u\",\"orderItems\":{}}                              | orderItems",
                "fractional quantity     | {\"userId\":\"u\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":1.5}]} | orderItems[0].quantity",
                "quantity as text        | {\"userId\":\"u\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":\"2\"}]} | orderItems[0].quantity",
                "quantity too large      | {\"userId\":\"u\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":10001}]} | orderItems[0].quantity",
                "quantity overflow       | {\"userId\":\"u\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":99999999999}]} | orderItems[0].quantity",
                "missing productId       | {\"userId\":\"u\",\"orderItems\":[{\"quantity\":1}]}              | orderItems[0].productId",
                "duplicate productId     | {\"userId\":\"u\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":1},{\"productId\":\"a\",\"quantity\":1}]} | orderItems[1].productId",
                "unknown field           | {\"userId\":\"u\",\"coupon\":\"X\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":1}]} | coupon",
                "unknown line field      | {\"userId\":\"u\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":1,\"price\":3}]} | orderItems[0].price",
                "duplicate JSON key      | {\"userId\":\"u\",\"userId\":\"v\",\"orderItems\":[{\"productId\":\"a\",\"quantity\":1}]} | body"
            })
    void badOrdersGet400NamingTheFieldAndStoreNothing(String description, String requestBody, String field) {
        String user = "u";
        int before = api.ordersOf(user).size();

        JsonNode response = api.createOrder(user, requestBody, null);

        assertThat(response.get("statusCode").intValue()).isEqualTo(400);
        assertThat(body(response).get("error").stringValue()).startsWith(field + ":");
        assertThat(api.ordersOf(user)).hasSize(before);
        assertConforms("/oms/orders", "post", 400, body(response));
    }

    @Test
    void bodyOver64KiBIs413() {
        String padding = "x".repeat(65 * 1024);
        JsonNode response = api.createOrder("u", "{\"userId\":\"" + padding + "\",\"orderItems\":[]}", null);

        assertThat(response.get("statusCode").intValue()).isEqualTo(413);
        assertConforms("/oms/orders", "post", 413, body(response));
    }

    @Test
    void nonJsonBodyIs415() {
        JsonNode response = lambda.invoke("createOrder", "api-create-order.json", e -> {
            ((ObjectNode) e.get("headers")).put("content-type", "application/x-www-form-urlencoded");
            e.put("body", "userId=u");
        });

        assertThat(response.get("statusCode").intValue()).isEqualTo(415);
        assertThat(body(response).get("error").stringValue()).startsWith("Content-Type:");
    }

    @Test
    void unknownRouteIs404WithTheEnvelope() {
        JsonNode response = lambda.invoke("routeNotFound", "api-unknown-route.json", e -> {});

        assertThat(response.get("statusCode").intValue()).isEqualTo(404);
        assertThat(body(response).get("error").stringValue()).isEqualTo("no route for DELETE /oms/orders/ord-example");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "createOrder",
                "getOrder",
                "listOrders",
                "updateOrder",
                "routeNotFound",
                "getOrderHistory",
                "getBacklog"
            })
    void theSnapStartPrimingRequestIsRejectedOrReadOnlyAndChangesNothing(String function) {
        int before = itemsInAllTables();

        JsonNode response =
                lambda.invoke(function, dev.orderflow.lambda.ApiGatewayFunctionInvoker.primingEvent(function));

        assertThat(response.get("statusCode").intValue()).isLessThan(500);
        assertThat(itemsInAllTables()).isEqualTo(before);
    }

    private static int itemsInAllTables() {
        try (DynamoDbClient client = dynamo.client()) {
            return Stream.of("orders", "order-outbox", "order-idempotency")
                    .mapToInt(table -> client.scan(r -> r.tableName(table)).count())
                    .sum();
        }
    }
}
