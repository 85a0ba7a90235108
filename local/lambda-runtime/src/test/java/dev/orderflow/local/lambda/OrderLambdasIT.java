package dev.orderflow.local.lambda;

import static dev.orderflow.local.lambda.DeployedService.JSON;
import static dev.orderflow.local.lambda.DeployedService.body;
import static dev.orderflow.local.lambda.DeployedService.header;
import static dev.orderflow.local.lambda.DeployedService.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import dev.orderflow.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every Order Management Lambda as Lambda runs it: the deployment jar unpacked into a task root, each function
 * in its own JVM started by the AWS Lambda Runtime Interface Client with the template's handler and
 * environment, fed the payload files under {@code events/order/} through a Runtime API stand-in. Effects are
 * read from the DynamoDB-compatible server and the Kafka broker the functions talk to.
 */
class OrderLambdasIT {

    private static final OrderTableNames TABLES = new OrderTableNames(
            LocalStores.NAMES.get("ORDERS_TABLE"),
            LocalStores.NAMES.get("ORDER_OUTBOX_TABLE"),
            LocalStores.NAMES.get("ORDER_IDEMPOTENCY_TABLE"));

    @TempDir
    static Path work;

    private static DeployedService order;
    private static DynamoDbClient store;

    @BeforeAll
    static void deploy() {
        order = DeployedService.start(
                "order",
                work,
                List.of("order-events", "inventory-events", "inventory-events.dlq"),
                store -> OrderTables.createMissing(store, TABLES));
        store = order.store();
    }

    @AfterAll
    static void undeploy() {
        if (order != null) {
            order.close();
        }
    }

    @Test
    void theCreateOrderPayloadAsSamWouldSendItCreatesThePendingOrderAndItsOutboxEvent() {
        JsonNode response = response(order.invoke("createOrder", "order/api-create-order.json", e -> e));

        assertThat(response.path("statusCode").intValue()).isEqualTo(201);
        JsonNode created = body(response).path("data");
        String orderId = created.path("orderId").asString();
        assertThat(created.path("status").asString()).isEqualTo("PENDING");
        assertThat(header(response, "Location")).isEqualTo("/oms/orders/" + orderId);
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        assertThat(header(response, "X-Correlation-Id")).isEqualTo("req-create-0001");
        assertThat(store.getItem(r -> r.tableName(TABLES.orders()).key(key("orderId", orderId)))
                        .item())
                .isNotEmpty();
        assertThat(outboxEventsOf(orderId)).hasSize(1);

        JsonNode replay = response(order.invoke("createOrder", "order/api-create-order.json", e -> e));

        assertThat(replay.path("statusCode").intValue()).isEqualTo(201);
        assertThat(header(replay, "Idempotent-Replayed")).isEqualTo("true");
        assertThat(body(replay).path("data").path("orderId").asString()).isEqualTo(orderId);
        assertThat(outboxEventsOf(orderId)).hasSize(1);
    }

    @Test
    void anInvalidOrderIs400NamingTheFieldWithoutAStackTraceAndWritesNothing() {
        String user = uniqueUser();
        int ordersBefore = count(TABLES.orders());
        int outboxBefore = count(TABLES.outbox());

        JsonNode response = response(order.invoke(
                "createOrder",
                "order/api-create-order.json",
                e -> withBody(
                        DeployedService.asCaller(e, user, "orderflow/orders"),
                        "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":0}]}")));

        assertThat(response.path("statusCode").intValue()).isEqualTo(400);
        assertThat(body(response).path("error").asString()).contains("quantity");
        assertThat(response.path("body").asString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(count(TABLES.orders())).isEqualTo(ordersBefore);
        assertThat(count(TABLES.outbox())).isEqualTo(outboxBefore);
    }

    @Test
    void getAndListReadTheOrderBackAndAnUnknownOrderIs404() {
        String user = uniqueUser();
        String orderId = createOrder(user);

        JsonNode got = response(
                order.invoke("getOrder", "order/api-get-order.json", e -> asBackOffice(withOrderPath(e, orderId))));
        JsonNode unknown = response(order.invoke(
                "getOrder", "order/api-get-order.json", e -> asBackOffice(withOrderPath(e, "no-such-order"))));
        JsonNode listed = response(order.invoke("listOrders", "order/api-list-orders.json", e -> {
            e.put("rawQueryString", "limit=10");
            e.putObject("queryStringParameters").put("limit", "10");
            return DeployedService.asCaller(e, user, "openid orderflow/orders");
        }));

        assertThat(got.path("statusCode").intValue()).isEqualTo(200);
        assertThat(body(got).path("data").path("orderId").asString()).isEqualTo(orderId);
        assertThat(unknown.path("statusCode").intValue()).isEqualTo(404);
        assertThat(body(unknown).path("error").asString()).contains("no-such-order");
        assertThat(listed.path("statusCode").intValue()).isEqualTo(200);
        assertThat(body(listed).path("data").path("orders"))
                .extracting(o -> o.path("orderId").asString())
                .containsExactly(orderId);
    }

    @Test
    void theFunctionsTakeTheCallerFromTheAuthorizerAndRefuseEventsWithoutOne() {
        String owner = uniqueUser();
        String orderId = createOrder(owner);

        JsonNode stranger = response(order.invoke(
                "getOrder",
                "order/api-get-order.json",
                e -> DeployedService.asCaller(withOrderPath(e, orderId), uniqueUser(), "orderflow/orders")));
        JsonNode itsOwner = response(order.invoke(
                "getOrder",
                "order/api-get-order.json",
                e -> DeployedService.asCaller(withOrderPath(e, orderId), owner, "orderflow/orders")));
        JsonNode nobody = response(order.invoke(
                "getOrder", "order/api-get-order.json", e -> DeployedService.withoutCaller(withOrderPath(e, orderId))));
        JsonNode nobodyCreates =
                response(order.invoke("createOrder", "order/api-create-order.json", DeployedService::withoutCaller));

        assertThat(stranger.path("statusCode").intValue()).isEqualTo(404);
        assertThat(itsOwner.path("statusCode").intValue()).isEqualTo(200);
        assertThat(nobody.path("statusCode").intValue()).isEqualTo(401);
        assertThat(nobodyCreates.path("statusCode").intValue()).isEqualTo(401);
        assertThat(body(nobodyCreates).path("error").asString()).startsWith("unauthorized:");
    }

    @Test
    void updateCancelsTheOrderAndWritesItsEventToTheOutbox() {
        String orderId = createOrder(uniqueUser());

        JsonNode updated = response(order.invoke(
                "updateOrder", "order/api-update-order.json", e -> asBackOffice(withOrderPath(e, orderId))));

        assertThat(updated.path("statusCode").intValue()).isEqualTo(200);
        assertThat(body(updated).path("data").path("status").asString()).isEqualTo("CANCELED");
        assertThat(outboxEventsOf(orderId)).hasSize(2);
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithAllowAndAnUnknownPath404InTheApiEnvelope() {
        // DELETE /oms/orders/{orderId}: the template's API_ROUTES tell the $default function which methods the path has
        JsonNode wrongMethod = response(order.invoke("routeNotFound", "order/api-unknown-route.json", e -> e));
        JsonNode unknown = response(order.invoke(
                "routeNotFound", "order/api-unknown-route.json", e -> e.put("rawPath", "/oms/no-such-thing")));

        assertThat(wrongMethod.path("statusCode").intValue()).isEqualTo(405);
        assertThat(wrongMethod.path("headers").path("Allow").asString()).isEqualTo("GET, PUT");
        assertThat(unknown.path("statusCode").intValue()).isEqualTo(404);
        assertThat(body(unknown).path("error").asString()).isEqualTo("no route for DELETE /oms/no-such-thing");
    }

    @Test
    void theRelayPublishesEveryInsertOfTheOutboxStreamBatchToOrderEvents() {
        ObjectNode event = DeployedService.event("order/dynamodb-outbox-stream.json");
        List<String> expectedIds = event.path("Records")
                .valueStream()
                .filter(r -> r.path("eventName").asString().equals("INSERT"))
                .map(r -> r.path("dynamodb")
                        .path("NewImage")
                        .path("eventId")
                        .path("S")
                        .asString())
                .toList();

        JsonNode response = response(order.invoke("relayOrderEvents", JSON.writeValueAsBytes(event)));

        assertThat(response.path("batchItemFailures")).isEmpty();
        var published = TopicReader.await(order.kafkaBootstrapServers(), "order-events", expectedIds.size());
        assertThat(published)
                .extracting(r -> header(r.headers().lastHeader("ce_id")))
                .containsAll(expectedIds);
    }

    @Test
    void anInventoryAnswerBatchSettlesTheOrderAndDeadLettersThePoisonRecord() {
        String orderId = createOrder(uniqueUser());
        ObjectNode batch = answersAbout(orderId);

        var result = order.invoke("onInventoryEventBatch", JSON.writeValueAsBytes(batch));

        assertThat(response(result).path("batchItemFailures").isArray())
                .as(result.body())
                .isTrue();
        assertThat(response(result).path("batchItemFailures"))
                .as("nothing handed back to the trigger")
                .isEmpty();
        JsonNode settled = body(response(order.invoke(
                        "getOrder", "order/api-get-order.json", e -> asBackOffice(withOrderPath(e, orderId)))))
                .path("data");
        assertThat(settled.path("status").asString()).isEqualTo("PARTIALLY_CONFIRMED");
        assertThat(settled.path("orderItems"))
                .extracting(l -> l.path("status").asString())
                .containsExactly("EXECUTED", "CANCELED");
        var deadLetters = TopicReader.await(order.kafkaBootstrapServers(), "inventory-events.dlq", 1);
        String poison = new String(
                Base64.getDecoder()
                        .decode(batch.path("records")
                                .valueStream()
                                .flatMap(JsonNode::valueStream)
                                .reduce((first, second) -> second)
                                .orElseThrow()
                                .path("value")
                                .asString()),
                StandardCharsets.UTF_8);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo(poison);
        assertThat(header(deadLetters.get(0).headers().lastHeader("x-exception-message")))
                .isNotBlank();
    }

    @Test
    void theScheduledRedriveRepublishesAnOrderLeftPending() {
        String orderId = createOrder(uniqueUser());
        byte[] schedule = JSON.writeValueAsBytes(DeployedService.event("order/scheduled-redrive.json"));

        // the template waits two minutes before re-driving; this environment is told not to wait
        var result = order.withEnvironment(
                "redrivePendingOrders",
                Map.of("REDRIVE_AFTER", "PT0S", "INVENTORY_DEADLINE", "PT1H"),
                List.of(),
                (runtimeApi, process) -> runtimeApi.invoke(schedule, Duration.ofSeconds(90)));

        assertThat(result.success()).as(result.body()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(outboxEventsOf(orderId)).hasSize(2));
    }

    @Test
    void theScheduledPaymentHoldExpiresAConfirmedOrderLeftUnpaid() {
        String orderId = createOrder(uniqueUser());
        ObjectNode answers = answersAbout(orderId);
        // without the batch's poison record, which another test counts on inventory-events.dlq
        assertThat(response(order.invoke("onInventoryEventBatch", JSON.writeValueAsBytes(withoutPoison(answers))))
                        .path("batchItemFailures"))
                .isEmpty();
        String confirmedAt = body(response(order.invoke(
                        "getOrder", "order/api-get-order.json", e -> asBackOffice(withOrderPath(e, orderId)))))
                .path("data")
                .path("updatedAt")
                .asString();
        byte[] schedule = JSON.writeValueAsBytes(DeployedService.event("order/scheduled-redrive.json"));

        // the template holds an hour; this environment holds one second, which has passed when it runs
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Instant.now().isAfter(Instant.parse(confirmedAt).plusSeconds(1)));
        var result = order.withEnvironment(
                "expireUnpaidOrders",
                Map.of("PAYMENT_HOLD", "PT1S"),
                List.of(),
                (runtimeApi, process) -> runtimeApi.invoke(schedule, Duration.ofSeconds(90)));

        assertThat(result.success()).as(result.body()).isTrue();
        JsonNode expired = body(response(order.invoke(
                        "getOrder", "order/api-get-order.json", e -> asBackOffice(withOrderPath(e, orderId)))))
                .path("data");
        assertThat(expired.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(outboxEventsOf(orderId))
                .anySatisfy(item -> assertThat(item.get("payload").s()).contains("\"status\":\"EXPIRED\""));
    }

    @Test
    void underSnapStartTheFunctionIsPrimedBeforeTheSnapshotWithoutWritingAnythingAndThenServes() {
        int orders = count(TABLES.orders());
        int outbox = count(TABLES.outbox());
        int keys = count(TABLES.idempotency());
        String user = uniqueUser();

        var answer = order.withEnvironment(
                "createOrder",
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
                List.of(),
                (runtimeApi, process) -> {
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> runtimeApi.snapshotTaken().isDone());
                    assertThat(process.log())
                            .contains("Primed the DynamoDB client (orders)", "Primed the createOrder request path");
                    assertThat(count(TABLES.orders())).isEqualTo(orders);
                    assertThat(count(TABLES.outbox())).isEqualTo(outbox);
                    assertThat(count(TABLES.idempotency())).isEqualTo(keys);
                    return runtimeApi.invoke(JSON.writeValueAsBytes(newOrderEvent(user)), Duration.ofSeconds(90));
                });

        assertThat(response(answer).path("statusCode").intValue()).isEqualTo(201);
    }

    @Test
    void underTheRuntimeEveryLogLineIsJsonCarryingTheTraceAndEveryMetricIsEmbeddedMetricFormat() {
        String correlationId = "rtc-" + UUID.randomUUID();
        ObjectNode request = newOrderEvent(uniqueUser());
        ((ObjectNode) request.path("headers")).put("x-correlation-id", correlationId);
        assertThat(response(order.invoke("createOrder", JSON.writeValueAsBytes(request)))
                        .path("statusCode")
                        .intValue())
                .isEqualTo(201);
        // an answer, caused by that request, about an order that does not exist: a WARN line
        String unknown = "no-such-" + UUID.randomUUID();
        ObjectNode batch = withoutPoison(answersAbout(unknown));
        batch.path("records")
                .valueStream()
                .flatMap(JsonNode::valueStream)
                .map(ObjectNode.class::cast)
                .forEach(record -> {
                    ObjectNode value = (ObjectNode) JSON.readTree(
                            Base64.getDecoder().decode(record.path("value").asString()));
                    value.put("correlationid", correlationId)
                            .put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
                    record.put("value", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(value)));
                });
        order.invoke("onInventoryEventBatch", JSON.writeValueAsBytes(batch));

        JsonNode warning = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jsonLines(order.log("onInventoryEventBatch")).stream()
                                .filter(line -> line.path("mdc")
                                        .path("orderId")
                                        .asString("")
                                        .equals(unknown))
                                .findFirst(),
                        Optional::isPresent)
                .get();
        assertThat(warning.path("level").asString()).isEqualTo("WARN");
        assertThat(warning.path("loggerName").asString()).endsWith("InventoryEventsListener");
        assertThat(warning.path("timestamp").isNumber()).isTrue();
        assertThat(warning.path("formattedMessage").asString()).contains(unknown);
        assertThat(warning.path("mdc").path("correlationId").asString()).isEqualTo(correlationId);
        assertThat(warning.path("mdc").path("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(warning.path("mdc").path("function").asString()).isNotBlank();
        assertThat(warning.path("mdc").path("requestId").asString()).isNotBlank();
        JsonNode placed = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jsonLines(order.log("createOrder")).stream()
                                .filter(line -> line.has("_aws")
                                        && line.path("correlationId")
                                                .asString("")
                                                .equals(correlationId))
                                .findFirst(),
                        Optional::isPresent)
                .get();
        assertThat(placed.path("OrdersPlaced").doubleValue()).isEqualTo(1);
        assertThat(placed.path("_aws")
                        .path("CloudWatchMetrics")
                        .path(0)
                        .path("Namespace")
                        .asString())
                .isEqualTo("orderflow");
    }

    /** The lines of a Lambda's output that are JSON objects (the runtime's own lines are not). */
    private static List<JsonNode> jsonLines(String log) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (RuntimeException notJson) {
                    // a line that only starts like JSON
                }
            }
        }
        return lines;
    }

    /** Inventory's answers about {@code orderId} (one line executed, one cancelled) and a poison record, as an MSK batch. */
    private static ObjectNode answersAbout(String orderId) {
        ObjectNode batch = DeployedService.event("order/msk-inventory-events.json");
        batch.path("records")
                .valueStream()
                .flatMap(JsonNode::valueStream)
                .map(ObjectNode.class::cast)
                .forEach(record -> {
                    String value = new String(
                            Base64.getDecoder().decode(record.path("value").asString()), StandardCharsets.UTF_8);
                    record.put(
                            "value",
                            Base64.getEncoder()
                                    .encodeToString(
                                            value.replace("ORDER_ID", orderId).getBytes(StandardCharsets.UTF_8)));
                });
        return batch;
    }

    private static ObjectNode withoutPoison(ObjectNode batch) {
        batch.path("records")
                .valueStream()
                .map(tools.jackson.databind.node.ArrayNode.class::cast)
                .forEach(records -> {
                    for (int i = records.size() - 1; i >= 0; i--) {
                        String value = new String(
                                Base64.getDecoder()
                                        .decode(records.get(i).path("value").asString()),
                                StandardCharsets.UTF_8);
                        if (!value.contains("dev.orderflow.inventory.reservation.v1")) {
                            records.remove(i);
                        }
                    }
                });
        return batch;
    }

    private static String createOrder(String user) {
        JsonNode response = response(order.invoke("createOrder", JSON.writeValueAsBytes(newOrderEvent(user))));
        assertThat(response.path("statusCode").intValue())
                .as(response.toString())
                .isEqualTo(201);
        return body(response).path("data").path("orderId").asString();
    }

    /** The create-order payload for a new order of {@code user} (2 x sku-1, 1 x sku-2), without an Idempotency-Key. */
    private static ObjectNode newOrderEvent(String user) {
        ObjectNode event = withBody(
                DeployedService.asCaller(
                        DeployedService.event("order/api-create-order.json"), user, "orderflow/orders"),
                "{\"userId\":\"" + user
                        + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":2},{\"productId\":\"sku-2\",\"quantity\":1}]}");
        ((ObjectNode) event.path("headers")).remove("idempotency-key");
        return event;
    }

    private static ObjectNode asBackOffice(ObjectNode event) {
        return DeployedService.asCaller(event, "back-office-client", "orderflow/orders:admin");
    }

    private static ObjectNode withBody(ObjectNode event, String body) {
        event.put("body", body);
        return event;
    }

    private static ObjectNode withOrderPath(ObjectNode event, String orderId) {
        String path = "/oms/orders/" + orderId;
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        ((ObjectNode) event.path("pathParameters")).put("orderId", orderId);
        return event;
    }

    private static List<Map<String, AttributeValue>> outboxEventsOf(String orderId) {
        return store.scanPaginator(r -> r.tableName(TABLES.outbox())).items().stream()
                .filter(item -> item.containsKey("messageKey")
                        && item.get("messageKey").s().equals(orderId))
                .toList();
    }

    private static int count(String table) {
        return (int)
                store.scanPaginator(r -> r.tableName(table)).items().stream().count();
    }

    private static Map<String, AttributeValue> key(String name, String value) {
        return Map.of(name, AttributeValue.fromS(value));
    }

    private static String uniqueUser() {
        return "user-" + UUID.randomUUID();
    }
}
