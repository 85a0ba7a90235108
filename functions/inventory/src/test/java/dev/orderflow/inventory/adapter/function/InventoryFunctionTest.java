package dev.orderflow.inventory.adapter.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.contracts.OrderCreated;
import dev.orderflow.contracts.OrderUpdated;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.inventory.application.ManageProducts;
import dev.orderflow.inventory.config.InventoryApplication;
import dev.orderflow.lambda.ApiGatewayFunctionInvoker;
import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.testing.MskRecords;
import dev.orderflow.testing.TopicReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inventory's functions as Lambda runs them: API Gateway events, an MSK batch ({@code eventSource:
 * aws:kafka}, records of two partitions, one poison record) and a DynamoDB Streams event, each through the
 * deployed handler, against a real Kafka broker and DynamoDB-compatible server.
 */
class InventoryFunctionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static LocalDynamoDb dynamo;
    private static final Map<String, ApiGatewayFunctionInvoker> handlers = new HashMap<>();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.createTopics(List.of("order-events", "order-events.dlq", "inventory-events", "inventory-alerts"), 3);
        dynamo = LocalDynamoDb.start(0, null);
        try (DynamoDbClient client = dynamo.client()) {
            InventoryTables.createMissing(
                    client, new InventoryTableNames("inventory-products", "inventory-reservations"));
        }
        System.setProperty("MAIN_CLASS", InventoryApplication.class.getName());
        System.setProperty("spring.main.banner-mode", "off");
        System.setProperty("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        System.setProperty("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        kafka.close();
    }

    @Test
    void addsAProductAndReadsItBack() {
        JsonNode created = invoke("addProduct", "api-add-product.json", e -> {});
        JsonNode again = invoke("addProduct", "api-add-product.json", e -> {});
        JsonNode restocked = invoke("restockProduct", "api-restock-product.json", e -> {});
        JsonNode read = invoke("getProduct", "api-get-product.json", e -> {});

        assertThat(created.get("statusCode").intValue()).isEqualTo(201);
        assertThat(again.get("statusCode").intValue()).isEqualTo(409);
        assertThat(restocked.get("statusCode").intValue()).isEqualTo(200);
        JsonNode product = body(read).get("data");
        assertThat(product.get("available").intValue()).isEqualTo(15);
        assertThat(product.get("reserved").intValue()).isZero();
        assertThat(product.get("lowStockThreshold").intValue()).isEqualTo(3);
    }

    @Test
    void theShopsClientsReadProductsButOnlyTheWarehouseScopeWritesThem() {
        String id = "sku-" + UUID.randomUUID();
        addProduct(id, 4);
        Consumer<ObjectNode> customer = e -> claims(e).put("sub", "user-42").put("scope", "openid orderflow/orders");

        JsonNode read = invoke("getProduct", "api-get-product.json", customer.andThen(e -> at(e, id)));
        JsonNode restock = invoke("restockProduct", "api-restock-product.json", customer.andThen(e -> at(e, id)));
        JsonNode add = invoke(
                "addProduct",
                "api-add-product.json",
                customer.andThen(e -> e.put("body", "{\"productId\":\"x-" + id + "\",\"quantity\":1}")));

        assertThat(read.get("statusCode").intValue()).isEqualTo(200);
        assertThat(restock.get("statusCode").intValue()).isEqualTo(403);
        assertThat(body(restock).get("error").stringValue()).contains("orderflow/inventory:write");
        assertThat(add.get("statusCode").intValue()).isEqualTo(403);
        assertThat(product(id).get("available").intValue()).isEqualTo(4);
        assertThat(invoke("getProduct", "api-get-product.json", e -> at(e, "x-" + id))
                        .get("statusCode")
                        .intValue())
                .isEqualTo(404);
    }

    @Test
    void aTokenWithNoScopeOfTheShopsClientsOrAnIdTokenReadsNoProduct() {
        String id = "sku-" + UUID.randomUUID();
        addProduct(id, 4);
        Consumer<ObjectNode> signedInOnly = e -> claims(e).put("sub", "user-42").put("scope", "openid email");
        Consumer<ObjectNode> idToken = e ->
                claims(e).put("sub", "user-42").put("scope", "orderflow/orders").put("token_use", "id");

        JsonNode withoutScope = invoke("getProduct", "api-get-product.json", signedInOnly.andThen(e -> at(e, id)));
        JsonNode listed = invoke("listProducts", "api-list-products.json", signedInOnly);
        JsonNode withIdToken = invoke("getProduct", "api-get-product.json", idToken.andThen(e -> at(e, id)));

        assertThat(withoutScope.get("statusCode").intValue()).isEqualTo(403);
        assertThat(body(withoutScope).get("error").stringValue()).contains("orderflow/orders");
        assertThat(listed.get("statusCode").intValue()).isEqualTo(403);
        assertThat(withIdToken.get("statusCode").intValue())
                .as("an ID token names no caller")
                .isEqualTo(401);
    }

    @Test
    void withoutAVerifiedCallerEveryProductRouteIs401() {
        Consumer<ObjectNode> anonymous = e -> ((ObjectNode) e.get("requestContext")).remove("authorizer");

        for (String function : List.of("addProduct", "getProduct", "listProducts", "restockProduct", "updateProduct")) {
            String file = "api-" + function.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT) + ".json";
            JsonNode response = invoke(function, file, anonymous);
            assertThat(response.get("statusCode").intValue()).as(function).isEqualTo(401);
        }
    }

    private static ObjectNode claims(ObjectNode event) {
        return (ObjectNode)
                event.get("requestContext").get("authorizer").get("jwt").get("claims");
    }

    private static void at(ObjectNode event, String productId) {
        ((ObjectNode) event.get("pathParameters")).put("productId", productId);
    }

    @Test
    void theLocationOfAProductWithAnyIdIsAValidPercentEncodedPath() {
        String id = "tea pot 😺?#%-" + UUID.randomUUID();
        JsonNode created = invoke(
                "addProduct",
                "api-add-product.json",
                e -> e.put("body", "{\"productId\":\"" + id + "\",\"quantity\":1}"));

        assertThat(created.get("statusCode").intValue()).isEqualTo(201);
        String location = created.get("headers").get("Location").stringValue();
        assertThat(location)
                .startsWith("/inventory/products/tea%20pot%20%F0%9F%98%BA%3F%23%25-")
                .matches("\\p{ASCII}+");
        assertThat(URLDecoder.decode(
                        location.substring("/inventory/products/".length()).replace("+", "%2B"),
                        StandardCharsets.UTF_8))
                .isEqualTo(id);
        assertThat(product(id).get("productId").stringValue()).isEqualTo(id);
    }

    @Test
    void aProductIdThatNoUrlCouldReachIsRefused() {
        JsonNode slash = invoke(
                "addProduct", "api-add-product.json", e -> e.put("body", "{\"productId\":\"a/b\",\"quantity\":1}"));
        JsonNode tooLong = invoke(
                "addProduct",
                "api-add-product.json",
                e -> e.put("body", "{\"productId\":\"" + "😺".repeat(129) + "\",\"quantity\":1}"));

        assertThat(slash.get("statusCode").intValue()).isEqualTo(400);
        assertThat(body(slash).get("error").stringValue()).isEqualTo("productId: must not contain '/'");
        assertThat(body(tooLong).get("error").stringValue()).isEqualTo("productId: must be at most 128 characters");
        assertThat(body(invoke(
                                "addProduct",
                                "api-add-product.json",
                                e -> e.put("body", "{\"productId\":\"" + "😺".repeat(128) + "\",\"quantity\":1}")))
                        .get("success")
                        .booleanValue())
                .isTrue();
    }

    @Test
    void theListingRefusesCursorsItDidNotIssueAndEndsWithoutACursor() {
        JsonNode garbage = listProducts("2", "garbage");
        JsonNode forged =
                listProducts("2", Base64.getUrlEncoder().encodeToString("sku-1".getBytes(StandardCharsets.UTF_8)));

        assertThat(garbage.get("statusCode").intValue()).isEqualTo(400);
        assertThat(body(garbage).get("error").stringValue()).isEqualTo("cursor: is not a cursor returned by this API");
        assertThat(forged.get("statusCode").intValue()).isEqualTo(400);
        JsonNode page = body(listProducts(Integer.toString(ManageProducts.MAX_LIMIT), null))
                .get("data");
        int count = page.get("products").size();
        assertThat(page.get("nextCursor").isNull())
                .as("everything fits one page: nothing follows")
                .isTrue();
        JsonNode exact = body(listProducts(Integer.toString(count), null)).get("data");
        assertThat(exact.get("products")).hasSize(count);
        assertThat(exact.get("nextCursor").isNull()).as("a full last page").isTrue();
        JsonNode first = body(listProducts("1", null)).get("data");
        JsonNode second =
                body(listProducts("1", first.get("nextCursor").stringValue())).get("data");
        assertThat(second.get("products").get(0).get("productId").stringValue())
                .isNotEqualTo(first.get("products").get(0).get("productId").stringValue());
    }

    @Test
    void rejectsBadProductsNamingTheField() {
        JsonNode negative = invoke(
                "addProduct",
                "api-add-product.json",
                e -> e.put("body", "{\"productId\":\"p-" + UUID.randomUUID() + "\",\"quantity\":-1}"));
        JsonNode unknownField = invoke(
                "addProduct",
                "api-add-product.json",
                e -> e.put("body", "{\"productId\":\"p\",\"quantity\":1,\"price\":2}"));

        assertThat(negative.get("statusCode").intValue()).isEqualTo(400);
        assertThat(body(negative).get("error").stringValue()).startsWith("quantity:");
        assertThat(body(unknownField).get("error").stringValue()).startsWith("price:");
    }

    @Test
    void mskBatchReservesStockDeadLettersThePoisonRecordAndIsIdempotent() {
        addProduct("sku-msk-1", 10);
        addProduct("sku-msk-2", 0);

        invoke("onOrderEventBatch", "msk-order-events.json", e -> {});

        assertThat(product("sku-msk-1").get("available").intValue()).isEqualTo(7);
        assertThat(product("sku-msk-1").get("reserved").intValue()).isEqualTo(3);
        List<ConsumerRecord<String, String>> answers = readUntil("inventory-events", 2);
        JsonNode orderA = answers.stream()
                .filter(r -> r.key().equals("ord-msk-a"))
                .map(r -> JSON.readTree(r.value()))
                .findFirst()
                .orElseThrow();
        assertThat(orderA.get("data").get("orderItems").findValuesAsString("status"))
                .containsExactly("EXECUTED", "CANCELED");
        ConsumerRecord<String, String> dead = deadLetters(r -> r.value().equals("this is not an order event"), 1)
                .get(0);
        assertThat(header(dead, "x-original-offset")).isEqualTo("42");
        assertThat(header(dead, "x-exception-message")).contains("not JSON");

        invoke("onOrderEventBatch", "msk-order-events.json", e -> {});

        assertThat(product("sku-msk-1").get("available").intValue()).isEqualTo(7);
        List<ConsumerRecord<String, String>> repeated = readUntil("inventory-events", 4).stream()
                .filter(r -> r.key().startsWith("ord-msk-"))
                .toList();
        assertThat(repeated.stream()
                        .map(r -> JSON.readTree(r.value()).get("id").stringValue())
                        .distinct())
                .hasSize(2);
    }

    /**
     * Kafka is a trust boundary: an order event is checked before it changes anything. The forgeries tried against
     * main: a CANCELED with an absurd version (it released a confirmed order's stock and made the real SHIPPED look
     * stale), an event in another service's name, a negative quantity, a quantity as text.
     */
    @Test
    void forgedOrderEventsAreDeadLetteredAndChangeNothing() {
        String product = "sku-trust-" + UUID.randomUUID();
        String order = "ord-trust-" + UUID.randomUUID();
        addProduct(product, 10);
        consume(orderEvent("/oms/orders", OrderCreated.TYPE, order, 1, "PENDING", product, "3"));
        assertThat(product(product).get("reserved").intValue()).isEqualTo(3);

        consume(
                orderEvent("/oms/orders", OrderUpdated.TYPE, order, Long.MAX_VALUE, "CANCELED", product, "3"),
                orderEvent("/inventory", OrderUpdated.TYPE, order, 2, "CANCELED", product, "3"),
                orderEvent("/oms/orders", OrderUpdated.TYPE, order, 2, "PENDING", product, "-3"),
                orderEvent("/oms/orders", OrderUpdated.TYPE, order, 2, "PENDING", product, "\"30\""));

        List<ConsumerRecord<String, String>> dead = deadLetters(r -> order.equals(r.key()), 4);
        assertThat(dead)
                .extracting(r -> header(r, "x-exception-message"))
                .anySatisfy(m -> assertThat(m).contains("orderVersion"))
                .anySatisfy(m -> assertThat(m).contains("source: must be /oms/orders"))
                .anySatisfy(m -> assertThat(m).contains("quantity: must be a whole number from 1 to 10000"));
        assertThat(product(product).get("reserved").intValue())
                .as("nothing released")
                .isEqualTo(3);
        assertThat(product(product).get("available").intValue()).isEqualTo(7);

        // the real shipment that follows is applied, not ignored as "older" than a forged version
        consume(orderEvent("/oms/orders", OrderUpdated.TYPE, order, 2, "SHIPPED", product, "3"));
        assertThat(product(product).get("reserved").intValue()).isZero();
        assertThat(product(product).get("available").intValue()).isEqualTo(7);
    }

    /**
     * A release the stock cannot hold - the product has fewer units reserved than the order's reservation holds (made
     * by hand here: no event can cause it) - fails its condition however often it is tried: poison, dead-lettered
     * with the reason, not retried for hours as a race; nothing changes.
     */
    @Test
    void aReleaseOfMoreThanTheProductHasReservedIsDeadLetteredNotRetriedAsARace() {
        String product = "sku-impossible-" + UUID.randomUUID();
        String order = "ord-impossible-" + UUID.randomUUID();
        addProduct(product, 10);
        consume(orderEvent("/oms/orders", OrderCreated.TYPE, order, 1, "PENDING", product, "3"));
        try (DynamoDbClient client = dynamo.client()) {
            client.updateItem(u -> u.tableName("inventory-products")
                    .key(Map.of("productId", AttributeValue.fromS(product)))
                    .updateExpression("SET reserved = :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        }

        consume(orderEvent("/oms/orders", OrderUpdated.TYPE, order, 2, "CANCELED", product, "3"));

        List<ConsumerRecord<String, String>> dead = deadLetters(r -> order.equals(r.key()), 1);
        assertThat(header(dead.get(0), "x-exception-message"))
                .contains("releasing 3 units of " + product + ", which has only 1 reserved");
        assertThat(product(product).get("reserved").intValue()).isEqualTo(1);
        assertThat(product(product).get("available").intValue()).isEqualTo(7);
    }

    private static String orderEvent(
            String source, String type, String orderId, long version, String status, String product, String quantity) {
        String lineStatus = status.equals("SHIPPED") ? "EXECUTED" : "PENDING";
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"" + source + "\",\"type\":\""
                + type
                + "\",\"subject\":\"" + orderId
                + "\",\"time\":\"2026-12-06T10:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{"
                + "\"orderId\":\"" + orderId + "\",\"userId\":\"u\",\"orderVersion\":" + version + ",\"status\":\""
                + status
                + "\",\"orderItems\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + ",\"status\":\""
                + lineStatus + "\"}]}}";
    }

    /** One MSK batch of these values on partition 0 of order-events, keyed by their order, as the trigger delivers it. */
    private static void consume(String... values) {
        List<String> keys = Arrays.stream(values)
                .map(value -> JSON.readTree(value).path("subject").asString())
                .toList();
        invoke(
                "onOrderEventBatch",
                "msk-order-events.json",
                e -> MskRecords.replace(e, "order-events", 0, 1_000, keys, List.of(values)));
    }

    private static List<ConsumerRecord<String, String>> deadLetters(
            Predicate<ConsumerRecord<String, String>> which, int count) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            readUntil("order-events.dlq", 1).stream().filter(which).forEach(found::add);
            return found.size() >= count;
        });
        return found;
    }

    @Test
    void aStreamRecordThatIsNoProductIsPassedNotRetriedAndTheRestOfTheBatchRaisesItsAlerts() {
        JsonNode response = invoke("detectStockAlerts", "dynamodb-products-stream.json", e -> {
            tools.jackson.databind.node.ArrayNode records = (tools.jackson.databind.node.ArrayNode) e.get("Records");
            ObjectNode malformed = (ObjectNode) records.get(0).deepCopy();
            ((ObjectNode) malformed.get("dynamodb").get("NewImage")).remove("available");
            ((ObjectNode) malformed.get("dynamodb")).put("SequenceNumber", "100");
            records.insert(0, malformed);
        });

        assertThat(response.get("batchItemFailures"))
                .as("nothing to retry: the malformed record can never succeed")
                .isEmpty();
        assertThat(readUntil("inventory-alerts", 1))
                .anySatisfy(r -> assertThat(r.key()).isEqualTo("sku-stream"));
    }

    @Test
    void productsStreamRaisesALowStockAlert() {
        JsonNode response = invoke("detectStockAlerts", "dynamodb-products-stream.json", e -> {});

        assertThat(response.get("batchItemFailures")).isEmpty();
        JsonNode alert = JSON.readTree(readUntil("inventory-alerts", 1).get(0).value());
        assertThat(alert.get("subject").stringValue()).isEqualTo("sku-stream");
        assertThat(alert.get("data").get("alert").stringValue()).isEqualTo("LOW_STOCK");
        assertThat(alert.get("data").get("available").intValue()).isEqualTo(4);
    }

    @Test
    void anAlertIsKeptWithItsProductForTheStaffsFeedAndARedeliveryChangesNothing() {
        invoke(
                "addProduct",
                "api-add-product.json",
                e -> e.put("body", "{\"productId\":\"sku-stream\",\"quantity\":4}"));

        invoke("detectStockAlerts", "dynamodb-products-stream.json", e -> {});
        invoke("detectStockAlerts", "dynamodb-products-stream.json", e -> {});
        JsonNode feed = listAlerts("openid orderflow/inventory:write");
        JsonNode asCustomer = listAlerts("openid orderflow/orders");

        assertThat(feed.get("statusCode").intValue()).isEqualTo(200);
        JsonNode alerts = body(feed).get("data").get("alerts");
        assertThat(alerts.findValuesAsString("productId")).containsOnlyOnce("sku-stream");
        JsonNode alert = alerts.get(alerts.findValuesAsString("productId").indexOf("sku-stream"));
        assertThat(alert.get("alert").stringValue()).isEqualTo("LOW_STOCK");
        assertThat(alert.get("available").intValue()).isEqualTo(4);
        assertThat(asCustomer.get("statusCode").intValue()).isEqualTo(403);
    }

    private static JsonNode listAlerts(String scope) {
        return invoke("listAlerts", "api-list-products.json", e -> {
            e.put("rawPath", "/inventory/alerts");
            ((ObjectNode) e.get("requestContext").get("authorizer").get("jwt").get("claims")).put("scope", scope);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"addProduct", "getProduct", "listProducts", "listAlerts", "restockProduct", "updateProduct"})
    void theSnapStartPrimingRequestIsRejectedOrReadOnlyAndChangesNothing(String function) {
        int before = itemsInAllTables();

        ApiGatewayFunctionInvoker handler = handlers.computeIfAbsent(function, ApiGatewayFunctionInvoker::new);
        JsonNode response =
                JSON.readTree(handler.invoke(function, ApiGatewayFunctionInvoker.primingEvent(function), 30_000));

        assertThat(response.get("statusCode").intValue()).isBetween(400, 499);
        assertThat(itemsInAllTables()).isEqualTo(before);
    }

    private static int itemsInAllTables() {
        try (DynamoDbClient client = dynamo.client()) {
            return List.of("inventory-products", "inventory-reservations").stream()
                    .mapToInt(table -> client.scan(r -> r.tableName(table)).count())
                    .sum();
        }
    }

    private static JsonNode listProducts(String limit, String cursor) {
        return invoke("listProducts", "api-list-products.json", e -> {
            ObjectNode query = JSON.createObjectNode().put("limit", limit);
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            e.set("queryStringParameters", query);
        });
    }

    private static void addProduct(String id, int quantity) {
        JsonNode response = invoke(
                "addProduct",
                "api-add-product.json",
                e -> e.put("body", "{\"productId\":\"" + id + "\",\"quantity\":" + quantity + "}"));
        assertThat(response.get("statusCode").intValue()).isEqualTo(201);
    }

    private static JsonNode product(String id) {
        return body(invoke("getProduct", "api-get-product.json", e -> {
                    ((ObjectNode) e.get("pathParameters")).put("productId", id);
                    e.put("rawPath", "/inventory/products/" + id);
                }))
                .get("data");
    }

    private static JsonNode invoke(String function, String eventFile, Consumer<ObjectNode> edit) {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("events/" + eventFile));
        edit.accept(event);
        ApiGatewayFunctionInvoker handler = handlers.computeIfAbsent(function, ApiGatewayFunctionInvoker::new);
        byte[] response = handler.invoke(function, JSON.writeValueAsBytes(event), 30_000);
        return response.length == 0 ? JSON.nullNode() : JSON.readTree(response);
    }

    private static JsonNode body(JsonNode response) {
        return JSON.readTree(response.get("body").stringValue());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = InventoryFunctionTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ConsumerRecord<String, String>> readUntil(String topic, int count) {
        return TopicReader.await(kafka.bootstrapServers(), topic, count);
    }
}
