package dev.orderflow.benchmark.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderflow.lambda.aws.DynamoDbClients;
import dev.orderflow.lambda.http.RouteTable;
import dev.orderflow.order.adapter.dynamodb.DynamoDbOrders;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.function.OrderHttpApi;
import dev.orderflow.order.application.GetOrder;
import dev.orderflow.order.application.ListOrders;
import dev.orderflow.order.application.OrderEvents;
import dev.orderflow.order.application.PlaceOrder;
import dev.orderflow.order.application.UpdateOrder;
import dev.orderflow.order.domain.CustomerLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cold-start floor for {@code POST /oms/orders}: a plain {@link RequestHandler} doing the same work as the
 * {@code createOrder} Lambda - the same domain, store adapter, DynamoDB client and JSON mapper, wired by hand -
 * without Spring. Benchmark code only; never deployed.
 */
public class PlainCreateOrderHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final OrderHttpApi api;

    public PlainCreateOrderHandler() {
        JsonMapper json = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        Supplier<String> ids = () -> UUID.randomUUID().toString();
        var orders = new DynamoDbOrders(
                DynamoDbClients.create(Env.get("AWS_REGION", "us-east-1"), Env.get("DYNAMODB_ENDPOINT", "")),
                new OrderTableNames(
                        Env.get("ORDERS_TABLE", "orders"),
                        Env.get("ORDER_OUTBOX_TABLE", "order-outbox"),
                        Env.get("ORDER_IDEMPOTENCY_TABLE", "order-idempotency")),
                json::writeValueAsString,
                clock);
        var events = new OrderEvents(
                Env.get("ORDER_EVENTS_TOPIC", "order-events"), ids, dev.orderflow.lambda.trace.Traces::forNewEvent);
        api = new OrderHttpApi(
                new PlaceOrder(orders, events, clock, ids, CustomerLimits.NONE),
                new GetOrder(orders),
                new ListOrders(orders),
                new UpdateOrder(orders, events, clock, CustomerLimits.NONE),
                json,
                RouteTable.parse(Env.get("API_ROUTES", "")),
                dev.orderflow.lambda.metrics.Metrics.of("order"));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.createOrder(event);
    }
}
