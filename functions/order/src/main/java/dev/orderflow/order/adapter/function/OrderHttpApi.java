package dev.orderflow.order.adapter.function;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import dev.orderflow.lambda.http.HttpExchange;
import dev.orderflow.lambda.http.HttpResult;
import dev.orderflow.lambda.http.JsonBodies;
import dev.orderflow.lambda.http.RouteTable;
import dev.orderflow.order.application.GetOrder;
import dev.orderflow.order.application.ListOrders;
import dev.orderflow.order.application.Orders.Placed;
import dev.orderflow.order.application.PlaceOrder;
import dev.orderflow.order.application.UpdateOrder;
import dev.orderflow.order.domain.InvalidInput;
import dev.orderflow.order.domain.OrderException;
import dev.orderflow.order.domain.OrderNotFound;
import tools.jackson.databind.json.JsonMapper;

/** The {@code /oms/orders} routes, one method per function bean. */
public final class OrderHttpApi {

    static final String IDEMPOTENCY_KEY = "idempotency-key";

    private final PlaceOrder placeOrder;
    private final GetOrder getOrder;
    private final ListOrders listOrders;
    private final UpdateOrder updateOrder;
    private final HttpExchange exchange;
    private final OrderRequests requests;

    private final RouteTable routes;

    public OrderHttpApi(PlaceOrder placeOrder, GetOrder getOrder, ListOrders listOrders, UpdateOrder updateOrder, JsonMapper json,
            RouteTable routes) {
        this.routes = routes;
        this.placeOrder = placeOrder;
        this.getOrder = getOrder;
        this.listOrders = listOrders;
        this.updateOrder = updateOrder;
        this.exchange = new HttpExchange(json, OrderHttpApi::statusOf);
        this.requests = new OrderRequests(json);
    }

    /** {@code POST /oms/orders}: 201 with the order and its Location; a replayed Idempotency-Key returns the first order. */
    public APIGatewayV2HTTPResponse createOrder(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, request -> {
            Placed placed = placeOrder.place(requests.newOrder(request.body()), request.header(IDEMPOTENCY_KEY));
            return HttpResult.created(OrderView.of(placed.order()), HttpResult.path("oms", "orders", placed.order().orderId()),
                    placed.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of());
        });
    }

    /** {@code GET /oms/orders/{orderId}}. */
    public APIGatewayV2HTTPResponse getOrder(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, request -> HttpResult.ok(OrderView.of(getOrder.get(request.pathParameter("orderId")))));
    }

    /** {@code GET /oms/orders?userId=&limit=&cursor=}: newest first. */
    public APIGatewayV2HTTPResponse listOrders(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, request -> HttpResult.ok(OrderView.PageView.of(listOrders.list(
                request.queryParameter("userId"), JsonBodies.queryInteger(request.queryParameter("limit"), "limit", "between 1 and " + ListOrders.MAX_LIMIT), request.queryParameter("cursor")))));
    }

    /** {@code PUT /oms/orders/{orderId}}: a status change or line changes. */
    public APIGatewayV2HTTPResponse updateOrder(APIGatewayV2HTTPEvent event) {
        return exchange.handle(event, request -> HttpResult.ok(OrderView.of(
                updateOrder.update(request.pathParameter("orderId"), requests.change(request.body())))));
    }

    /** API Gateway's {@code $default} route: any method and path that no other route matches (405 or 404). */
    public APIGatewayV2HTTPResponse routeNotFound(APIGatewayV2HTTPEvent event) {
        return exchange.notFound(event, routes);
    }

    /** The one place order failures become statuses: 400 invalid, 404 unknown, 409 conflicts with the order's state. */
    static int statusOf(RuntimeException e) {
        if (e instanceof InvalidInput) {
            return 400;
        }
        if (e instanceof OrderNotFound) {
            return 404;
        }
        // TransitionForbidden, ConcurrentModification, IdempotencyKeyReused
        return e instanceof OrderException ? 409 : 0;
    }
}
