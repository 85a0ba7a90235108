package dev.orderflow.local.lambda;

import static dev.orderflow.local.lambda.DeployedService.JSON;
import static dev.orderflow.local.lambda.DeployedService.body;
import static dev.orderflow.local.lambda.DeployedService.header;
import static dev.orderflow.local.lambda.DeployedService.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.testing.TopicReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Every Inventory Lambda as Lambda runs it: the deployment jar unpacked into a task root, each function in its
 * own JVM started by the AWS Lambda Runtime Interface Client with the template's handler and environment, fed
 * the payload files under {@code events/inventory/}. Effects are read from the stores the functions use.
 */
class InventoryLambdasIT {

    private static final InventoryTableNames TABLES = new InventoryTableNames(
            LocalStores.NAMES.get("PRODUCTS_TABLE"), LocalStores.NAMES.get("RESERVATIONS_TABLE"));

    @TempDir
    static Path work;

    private static DeployedService inventory;
    private static DynamoDbClient store;

    @BeforeAll
    static void deploy() {
        inventory = DeployedService.start(
                "inventory",
                work,
                List.of("order-events", "order-events.dlq", "inventory-events", "inventory-alerts"),
                store -> InventoryTables.createMissing(store, TABLES));
        store = inventory.store();
    }

    @AfterAll
    static void undeploy() {
        if (inventory != null) {
            inventory.close();
        }
    }

    @Test
    void theProductApiAddsReadsListsUpdatesAndRestocks() {
        JsonNode added = response(inventory.invoke("addProduct", "inventory/api-add-product.json", e -> e));
        JsonNode duplicate = response(inventory.invoke("addProduct", "inventory/api-add-product.json", e -> e));
        JsonNode updated = response(inventory.invoke("updateProduct", "inventory/api-update-product.json", e -> e));
        JsonNode restocked = response(inventory.invoke("restockProduct", "inventory/api-restock-product.json", e -> e));
        JsonNode got = response(inventory.invoke("getProduct", "inventory/api-get-product.json", e -> e));
        JsonNode listed = response(inventory.invoke("listProducts", "inventory/api-list-products.json", e -> e));

        assertThat(added.path("statusCode").intValue()).isEqualTo(201);
        assertThat(header(added, "Location")).isEqualTo("/inventory/products/sku-mug");
        assertThat(duplicate.path("statusCode").intValue()).isEqualTo(409);
        assertThat(updated.path("statusCode").intValue()).isEqualTo(200);
        assertThat(restocked.path("statusCode").intValue()).isEqualTo(200);
        assertThat(got.path("statusCode").intValue()).isEqualTo(200);
        JsonNode product = body(got).path("data");
        assertThat(product.path("name").asString()).isEqualTo("Mug, large");
        assertThat(product.path("available").intValue()).isEqualTo(15);
        assertThat(product.path("lowStockThreshold").intValue()).isEqualTo(4);
        assertThat(listed.path("statusCode").intValue()).isEqualTo(200);
        assertThat(body(listed).toString()).contains("sku-mug");
        assertThat(stock("sku-mug").get("available").n()).isEqualTo("15");
    }

    @Test
    void productWritesNeedTheWarehouseScopeAndEveryRouteAVerifiedCaller() {
        JsonNode byCustomer = response(inventory.invoke(
                "restockProduct",
                "inventory/api-restock-product.json",
                e -> DeployedService.asCaller(e, "user-42", "openid orderflow/orders")));
        JsonNode byNobody = response(
                inventory.invoke("getProduct", "inventory/api-get-product.json", DeployedService::withoutCaller));

        assertThat(byCustomer.path("statusCode").intValue()).isEqualTo(403);
        assertThat(body(byCustomer).path("error").asString()).contains("orderflow/inventory:write");
        assertThat(byNobody.path("statusCode").intValue()).isEqualTo(401);
    }

    @Test
    void aBadProductIs400NamingTheFieldAndWritesNothing() {
        String productId = "sku-" + UUID.randomUUID();

        JsonNode response = response(inventory.invoke(
                "addProduct",
                "inventory/api-add-product.json",
                e -> e.put("body", "{\"productId\":\"" + productId + "\",\"quantity\":-1}")));
        JsonNode unknown = response(
                inventory.invoke("getProduct", "inventory/api-get-product.json", e -> withProductPath(e, productId)));

        assertThat(response.path("statusCode").intValue()).isEqualTo(400);
        assertThat(body(response).path("error").asString()).contains("quantity");
        assertThat(response.path("body").asString()).doesNotContain("Exception");
        assertThat(unknown.path("statusCode").intValue()).isEqualTo(404);
        assertThat(store.getItem(r -> r.tableName(TABLES.products())
                                .key(Map.of("productId", AttributeValue.fromS(productId))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void anOrderEventBatchOverSeveralPartitionsReservesStockOnceDeadLettersThePoisonRecordAndIsIdempotent() {
        addProduct("sku-msk-1", 3);
        addProduct("sku-msk-2", 5);
        byte[] batch = JSON.writeValueAsBytes(DeployedService.event("inventory/msk-order-events.json"));

        var first = inventory.invoke("onOrderEventBatch", batch);
        var redelivered = inventory.invoke("onOrderEventBatch", batch);

        assertThat(response(first).path("batchItemFailures").isArray())
                .as(first.body())
                .isTrue();
        assertThat(response(first).path("batchItemFailures"))
                .as("nothing handed back to the trigger")
                .isEmpty();
        assertThat(response(redelivered).path("batchItemFailures"))
                .as(redelivered.body())
                .isEmpty();
        assertThat(stock("sku-msk-1").get("available").n()).isEqualTo("0");
        assertThat(stock("sku-msk-1").get("reserved").n()).isEqualTo("3");
        assertThat(stock("sku-msk-2").get("available").n()).isEqualTo("4");
        var answers = TopicReader.await(inventory.kafkaBootstrapServers(), "inventory-events", 4);
        assertThat(answers).extracting(r -> r.key()).containsOnly("ord-msk-a", "ord-msk-b");
        // a redelivered event is answered again with the same CloudEvents id: Order Management counts it once
        assertThat(answers.stream()
                        .map(r -> header(r.headers().lastHeader("ce_id")))
                        .distinct())
                .hasSize(2);
        var deadLetters = TopicReader.await(inventory.kafkaBootstrapServers(), "order-events.dlq", 1);
        assertThat(deadLetters.get(0).value()).isEqualTo("this is not an order event");
    }

    @Test
    void theProductsStreamBatchRaisesALowStockAlert() {
        JsonNode response =
                response(inventory.invoke("detectStockAlerts", "inventory/dynamodb-products-stream.json", e -> e));

        assertThat(response.path("batchItemFailures")).isEmpty();
        var alerts = TopicReader.await(inventory.kafkaBootstrapServers(), "inventory-alerts", 1);
        assertThat(alerts).extracting(r -> r.key()).containsExactly("sku-stream");
        assertThat(alerts.get(0).value()).contains("LOW_STOCK");
    }

    private static void addProduct(String productId, int quantity) {
        JsonNode response = response(inventory.invoke(
                "addProduct",
                "inventory/api-add-product.json",
                e -> e.put("body", "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}")));
        assertThat(response.path("statusCode").intValue())
                .as(response.toString())
                .isEqualTo(201);
    }

    private static Map<String, AttributeValue> stock(String productId) {
        return store.getItem(
                        r -> r.tableName(TABLES.products()).key(Map.of("productId", AttributeValue.fromS(productId))))
                .item();
    }

    private static ObjectNode withProductPath(ObjectNode event, String productId) {
        String path = "/inventory/products/" + productId;
        event.put("rawPath", path);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", path);
        ((ObjectNode) event.path("pathParameters")).put("productId", productId);
        return event;
    }
}
