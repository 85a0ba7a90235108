package dev.orderflow.inventory.adapter.function;

import static dev.orderflow.lambda.http.JsonBodies.integer;
import static dev.orderflow.lambda.http.JsonBodies.string;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderflow.inventory.application.ManageProducts;
import dev.orderflow.inventory.application.RecentAlerts;
import dev.orderflow.inventory.domain.InvalidInput;
import dev.orderflow.inventory.domain.InventoryException;
import dev.orderflow.inventory.domain.NewProduct;
import dev.orderflow.inventory.domain.ProductChange;
import dev.orderflow.inventory.domain.ProductNotFound;
import dev.orderflow.inventory.domain.Restock;
import dev.orderflow.lambda.http.Forbidden;
import dev.orderflow.lambda.http.HttpExchange;
import dev.orderflow.lambda.http.HttpRequest;
import dev.orderflow.lambda.http.HttpResult;
import dev.orderflow.lambda.http.JsonBodies;
import dev.orderflow.lambda.kafka.DeadLetterBacklog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /inventory/products} routes, one method per function bean. Any verified caller reads products; writes
 * need {@link InventoryScopes#WRITE}, checked before the body is read.
 */
public final class InventoryHttpApi {

    private static final String QUANTITY_RANGE = "between 0 and 1000000";

    private final ManageProducts products;
    private final RecentAlerts alerts;
    private final DeadLetterBacklog deadLetters;
    private final String deadLetterTopic;
    private final HttpExchange exchange;
    private final JsonBodies bodies;

    /** @param deadLetterTopic the dead-letter topic Inventory writes (order events it could never apply) */
    public InventoryHttpApi(
            ManageProducts products,
            RecentAlerts alerts,
            DeadLetterBacklog deadLetters,
            String deadLetterTopic,
            JsonMapper json) {
        this.products = products;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.deadLetterTopic = deadLetterTopic;
        this.exchange = new HttpExchange(json, InventoryHttpApi::statusOf);
        this.bodies = new JsonBodies(json);
    }

    /** {@code POST /inventory/products}: 201, or 409 when the product exists. */
    public APIGatewayV2HTTPResponse addProduct(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, writing(request -> {
            JsonNode body = bodies.object(request.body(), Set.of("productId", "name", "quantity", "lowStockThreshold"));
            var product = products.add(new NewProduct(
                    string(body.get("productId"), "productId"),
                    optionalString(body, "name"),
                    integer(body.get("quantity"), "quantity", QUANTITY_RANGE),
                    optionalLong(body, "lowStockThreshold")));
            return HttpResult.created(
                    ProductView.of(product), HttpResult.path("inventory", "products", product.productId()), Map.of());
        }));
    }

    /** {@code GET /inventory/products/{productId}}. */
    public APIGatewayV2HTTPResponse getProduct(APIGatewayV2HTTPEvent event) {
        return exchange.handle(
                event,
                reading(request -> HttpResult.ok(ProductView.of(products.get(request.pathParameter("productId"))))));
    }

    /** {@code GET /inventory/products?limit=&cursor=}. */
    public APIGatewayV2HTTPResponse listProducts(APIGatewayV2HTTPEvent event) {
        return exchange.handle(
                event,
                reading(request -> HttpResult.ok(ProductView.PageView.of(products.list(
                        JsonBodies.queryInteger(
                                request.queryParameter("limit"), "limit", "between 1 and " + ManageProducts.MAX_LIMIT),
                        request.queryParameter("cursor"))))));
    }

    /** {@code GET /inventory/alerts?limit=}: each product's latest stock alert, newest first. */
    public APIGatewayV2HTTPResponse listAlerts(APIGatewayV2HTTPEvent event) {
        return exchange.handle(
                event,
                staffOnly(request -> HttpResult.ok(new AlertsView(alerts
                        .list(JsonBodies.queryInteger(
                                request.queryParameter("limit"), "limit", "between 1 and " + RecentAlerts.MAX_LIMIT))
                        .stream()
                        .map(a -> new AlertView(
                                a.productId(), a.alert().name(), a.available(), a.lowStockThreshold(), a.at()))
                        .toList()))));
    }

    /** {@code GET /inventory/dead-letters}: how many order events Inventory could never apply wait for {@code replay}. */
    public APIGatewayV2HTTPResponse getDeadLetters(APIGatewayV2HTTPEvent event) {
        return exchange.handle(
                event,
                staffOnly(request ->
                        HttpResult.ok(new DeadLettersView(deadLetterTopic, deadLetters.waiting(deadLetterTopic)))));
    }

    record DeadLettersView(String topic, long waiting) {}

    record AlertsView(List<AlertView> alerts) {}

    record AlertView(String productId, String alert, long available, long lowStockThreshold, Instant at) {}

    /** {@code POST /inventory/products/{productId}/restock}: adds to {@code available}. */
    public APIGatewayV2HTTPResponse restockProduct(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, writing(request -> {
            JsonNode body = bodies.object(request.body(), Set.of("quantity"));
            var restock = new Restock(
                    request.pathParameter("productId"),
                    integer(body.get("quantity"), "quantity", "between 1 and 1000000"));
            return HttpResult.ok(ProductView.of(products.restock(restock)));
        }));
    }

    /** {@code PUT /inventory/products/{productId}}: name and/or threshold. */
    public APIGatewayV2HTTPResponse updateProduct(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, writing(request -> {
            JsonNode body = bodies.object(request.body(), Set.of("name", "lowStockThreshold"));
            var change = new ProductChange(optionalString(body, "name"), optionalLong(body, "lowStockThreshold"));
            return HttpResult.ok(ProductView.of(products.change(request.pathParameter("productId"), change)));
        }));
    }

    private static Function<HttpRequest, HttpResult> reading(Function<HttpRequest, HttpResult> handler) {
        return request -> {
            Forbidden.unlessScope(request.caller(), InventoryScopes.READ.toArray(String[]::new));
            return handler.apply(request);
        };
    }

    private static Function<HttpRequest, HttpResult> staffOnly(Function<HttpRequest, HttpResult> handler) {
        return request -> {
            Forbidden.unlessScope(request.caller(), InventoryScopes.STAFF.toArray(String[]::new));
            return handler.apply(request);
        };
    }

    private static Function<HttpRequest, HttpResult> writing(Function<HttpRequest, HttpResult> handler) {
        return request -> {
            Forbidden.unlessScope(request.caller(), InventoryScopes.WRITE);
            return handler.apply(request);
        };
    }

    /** The one place inventory failures become statuses. */
    static int statusOf(RuntimeException e) {
        if (e instanceof InvalidInput) {
            return 400;
        }
        if (e instanceof ProductNotFound) {
            return 404;
        }
        return e instanceof InventoryException ? 409 : 0;
    }

    private static String optionalString(JsonNode body, String field) {
        return body.has(field) ? string(body.get(field), field) : null;
    }

    private static Long optionalLong(JsonNode body, String field) {
        return body.has(field) ? (long) integer(body.get(field), field, QUANTITY_RANGE) : null;
    }
}
