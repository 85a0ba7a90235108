package dev.orderflow.order.adapter.function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderflow.lambda.http.Caller;
import dev.orderflow.lambda.http.Forbidden;
import dev.orderflow.lambda.http.HttpExchange;
import dev.orderflow.lambda.http.HttpResult;
import dev.orderflow.lambda.http.JsonBodies;
import dev.orderflow.lambda.http.RouteTable;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.order.application.GetOrder;
import dev.orderflow.order.application.ListOrders;
import dev.orderflow.order.application.Orders.Placed;
import dev.orderflow.order.application.PlaceOrder;
import dev.orderflow.order.application.UpdateOrder;
import dev.orderflow.order.domain.InvalidInput;
import dev.orderflow.order.domain.NotPermitted;
import dev.orderflow.order.domain.OrderException;
import dev.orderflow.order.domain.OrderNotFound;
import dev.orderflow.order.domain.Requester;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /oms/orders} routes, one method per function bean. The requester is the verified caller: the back office
 * when the token holds {@link OrderScopes#BACK_OFFICE}, else a customer, who needs {@link OrderScopes#CUSTOMER}.
 */
public final class OrderHttpApi {

    static final String IDEMPOTENCY_KEY = "idempotency-key";

    private final PlaceOrder placeOrder;
    private final GetOrder getOrder;
    private final ListOrders listOrders;
    private final UpdateOrder updateOrder;
    private final HttpExchange exchange;
    private final OrderRequests requests;

    private final RouteTable routes;
    private final Metrics metrics;

    public OrderHttpApi(
            PlaceOrder placeOrder,
            GetOrder getOrder,
            ListOrders listOrders,
            UpdateOrder updateOrder,
            JsonMapper json,
            RouteTable routes,
            Metrics metrics) {
        this.routes = routes;
        this.metrics = metrics;
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
            Requester requester = requester(request.caller());
            Placed placed = placeOrder.place(
                    requester, requests.newOrder(request.body(), requester), request.header(IDEMPOTENCY_KEY));
            metrics.emit(
                    placed.replayed()
                            ? Metrics.Metric.count("IdempotentReplays", 1)
                            : Metrics.Metric.count("OrdersPlaced", 1));
            return HttpResult.created(
                    OrderView.of(placed.order()),
                    HttpResult.path("oms", "orders", placed.order().orderId()),
                    placed.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of());
        });
    }

    /** {@code GET /oms/orders/{orderId}}: another customer's order is 404. */
    public APIGatewayV2HTTPResponse getOrder(APIGatewayV2HTTPEvent event) {
        return exchange.handle(
                event,
                request -> HttpResult.ok(
                        OrderView.of(getOrder.get(requester(request.caller()), request.pathParameter("orderId")))));
    }

    /** {@code GET /oms/orders?userId=&limit=&cursor=}: newest first; the caller's own unless the back office names a userId. */
    public APIGatewayV2HTTPResponse listOrders(APIGatewayV2HTTPEvent event) {
        return exchange.handle(
                event,
                request -> HttpResult.ok(OrderView.PageView.of(listOrders.list(
                        requester(request.caller()),
                        request.queryParameter("userId"),
                        request.queryParameter("status"),
                        JsonBodies.queryInteger(
                                request.queryParameter("limit"), "limit", "between 1 and " + ListOrders.MAX_LIMIT),
                        request.queryParameter("cursor")))));
    }

    /** {@code PUT /oms/orders/{orderId}}: a status change or line changes. */
    public APIGatewayV2HTTPResponse updateOrder(APIGatewayV2HTTPEvent event) {
        return exchange.handle(
                event,
                request -> HttpResult.ok(OrderView.of(updateOrder.update(
                        requester(request.caller()),
                        request.pathParameter("orderId"),
                        requests.change(request.body())))));
    }

    /** API Gateway's {@code $default} route: any method and path that no other route matches (405 or 404). */
    public APIGatewayV2HTTPResponse routeNotFound(APIGatewayV2HTTPEvent event) {
        return exchange.notFound(event, routes);
    }

    static Requester requester(Caller caller) {
        if (caller.hasAnyScope(OrderScopes.BACK_OFFICE)) {
            return Requester.backOffice(caller.subject());
        }
        Forbidden.unlessScope(caller, OrderScopes.CUSTOMER, OrderScopes.BACK_OFFICE);
        return Requester.customer(caller.subject());
    }

    /**
     * The one place order failures become statuses: 400 invalid, 403 not the requester's to do, 404 unknown (or not
     * theirs to see), 409 conflicts with the order's state.
     */
    static int statusOf(RuntimeException e) {
        if (e instanceof InvalidInput) {
            return 400;
        }
        if (e instanceof NotPermitted) {
            return 403;
        }
        if (e instanceof OrderNotFound) {
            return 404;
        }
        // TransitionForbidden, ConcurrentModification, IdempotencyKeyReused, LimitReached
        return e instanceof OrderException ? 409 : 0;
    }
}
