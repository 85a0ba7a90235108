package dev.orderflow.order.config;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orderflow.lambda.FunctionWiring;
import dev.orderflow.lambda.aws.DynamoDbClients;
import dev.orderflow.lambda.http.RouteTable;
import dev.orderflow.lambda.kafka.DeadLetterBacklog;
import dev.orderflow.lambda.kafka.EventProducer;
import dev.orderflow.lambda.kafka.KafkaBatchResponse;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.order.adapter.dynamodb.DynamoDbOrders;
import dev.orderflow.order.adapter.function.BackOfficeHttpApi;
import dev.orderflow.order.adapter.function.InventoryEventsListener;
import dev.orderflow.order.adapter.function.OrderEventRelay;
import dev.orderflow.order.adapter.function.OrderHttpApi;
import dev.orderflow.order.adapter.function.ScheduledExpiry;
import dev.orderflow.order.adapter.function.ScheduledRedrive;
import dev.orderflow.order.adapter.kafka.KafkaEventPublisher;
import dev.orderflow.order.application.ApplyInventoryAnswer;
import dev.orderflow.order.application.ExpireUnpaidOrders;
import dev.orderflow.order.application.GetOrder;
import dev.orderflow.order.application.GetOrderHistory;
import dev.orderflow.order.application.ListOrders;
import dev.orderflow.order.application.OrderEvents;
import dev.orderflow.order.application.Orders;
import dev.orderflow.order.application.PlaceOrder;
import dev.orderflow.order.application.RedrivePendingOrders;
import dev.orderflow.order.application.RelayEvents;
import dev.orderflow.order.application.UpdateOrder;
import dev.orderflow.order.application.WatchBacklog;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Order Management, wired: the Spring application behind every Order Management Lambda (its {@code MAIN_CLASS});
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION} picks the function one Lambda serves. The function beans are the
 * deployable units. Beans are registered functionally ({@link FunctionWiring}): being an
 * {@link ApplicationContextInitializer} is what makes Spring Cloud Function start it without annotation
 * processing, the largest part of a cold start before. Settings: {@code order-service.properties} (a file of its
 * own, not application.properties: the local runner has both services on one classpath).
 */
public class OrderApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    /**
     * Our own mapper for request bodies, responses and events, so the wire format does not depend on Spring's
     * settings. Duplicate keys in a request are an error, not "last one wins".
     */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Order ids and event ids: random UUIDs. */
    static final Supplier<String> IDS = () -> UUID.randomUUID().toString();

    public static void main(String[] args) {
        FunctionalSpringApplication.run(OrderApplication.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        var wiring = FunctionWiring.of(context, "classpath:order-service.properties", JSON);
        OrderProperties properties = wiring.properties("orderflow", OrderProperties.class);

        // microseconds: what the store keeps, so a created order reads back exactly as it was returned
        wiring.bean("orderClock", Clock.class, () -> Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
        wiring.closeableBean(
                "dynamoDbClient",
                DynamoDbClient.class,
                () -> DynamoDbClients.primedBeforeSnapshot(
                        DynamoDbClients.create(
                                properties.aws().region(), properties.aws().dynamodbEndpoint()),
                        properties.tables().orders(),
                        "orderId"));
        wiring.bean(
                "orders",
                Orders.class,
                () -> new DynamoDbOrders(
                        wiring.get(DynamoDbClient.class),
                        properties.tables().names(),
                        JSON::writeValueAsString,
                        wiring.get(Clock.class)));
        wiring.closeableBean(
                "eventProducer",
                EventProducer.class,
                () -> EventProducer.connect(
                        properties.kafka().bootstrapServers(),
                        "order-service",
                        properties.kafka().clientProperties()));
        wiring.bean("metrics", Metrics.class, () -> Metrics.of("order"));
        wiring.bean(
                "orderEvents",
                OrderEvents.class,
                () -> new OrderEvents(
                        properties.topics().orderEvents(), IDS, dev.orderflow.lambda.trace.Traces::forNewEvent));
        wiring.bean("orderHttpApi", OrderHttpApi.class, () -> {
            Orders orders = wiring.get(Orders.class);
            OrderEvents events = wiring.get(OrderEvents.class);
            Clock clock = wiring.get(Clock.class);
            var limits = properties.limits().customerLimits();
            return new OrderHttpApi(
                    new PlaceOrder(orders, events, clock, IDS, limits),
                    new GetOrder(orders),
                    new ListOrders(orders),
                    new UpdateOrder(orders, events, clock, limits),
                    JSON,
                    RouteTable.parse(properties.api().routes()),
                    wiring.get(Metrics.class));
        });
        wiring.closeableBean(
                "deadLetterBacklog",
                DeadLetterBacklog.class,
                () -> DeadLetterBacklog.of(
                        properties.kafka().bootstrapServers(),
                        properties.kafka().auth(),
                        properties.kafka().clientConfig()));
        wiring.bean(
                "backOfficeHttpApi",
                BackOfficeHttpApi.class,
                () -> new BackOfficeHttpApi(
                        new GetOrderHistory(wiring.get(Orders.class)),
                        new WatchBacklog(wiring.get(Orders.class), wiring.get(Clock.class)),
                        wiring.get(DeadLetterBacklog.class),
                        properties.topics().deadLetters(),
                        JSON));
        wiring.bean(
                "inventoryEventsListener",
                InventoryEventsListener.class,
                () -> new InventoryEventsListener(
                        new ApplyInventoryAnswer(
                                wiring.get(Orders.class),
                                wiring.get(OrderEvents.class),
                                wiring.get(Clock.class),
                                properties.contention()::untilDone),
                        JSON,
                        new KafkaBatches(
                                wiring.get(EventProducer.class),
                                properties.kafka().consumerAttempts(),
                                wiring.get(Metrics.class)),
                        wiring.get(Metrics.class)));
        wiring.bean(
                "orderEventRelay",
                OrderEventRelay.class,
                () -> new OrderEventRelay(
                        new RelayEvents(new KafkaEventPublisher(wiring.get(EventProducer.class))),
                        wiring.get(Metrics.class),
                        wiring.get(Clock.class)));

        // the functions: one Lambda each
        wiring.function(
                "createOrder",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(OrderHttpApi.class)::createOrder);
        wiring.function(
                "getOrder",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(OrderHttpApi.class)::getOrder);
        wiring.function(
                "listOrders",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(OrderHttpApi.class)::listOrders);
        wiring.function(
                "updateOrder",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(OrderHttpApi.class)::updateOrder);
        wiring.function(
                "getOrderHistory",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(BackOfficeHttpApi.class)::getOrderHistory);
        wiring.function(
                "getBacklog",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(BackOfficeHttpApi.class)::getBacklog);
        wiring.function(
                "getOrderDeadLetters",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(BackOfficeHttpApi.class)::getDeadLetters);
        wiring.function(
                "routeNotFound",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(OrderHttpApi.class)::routeNotFound);
        wiring.function(
                "relayOrderEvents",
                DynamodbEvent.class,
                StreamsEventResponse.class,
                () -> wiring.get(OrderEventRelay.class)::relay);
        wiring.function(
                "onInventoryEventBatch",
                KafkaEvent.class,
                KafkaBatchResponse.class,
                () -> wiring.get(InventoryEventsListener.class)::onInventoryEventBatch);
        wiring.consumer(
                "redrivePendingOrders",
                ScheduledEvent.class,
                () -> new ScheduledRedrive(
                        new RedrivePendingOrders(
                                wiring.get(Orders.class),
                                wiring.get(OrderEvents.class),
                                wiring.get(Clock.class),
                                properties.redrive().policy()),
                        properties.redrive().policy(),
                        properties.redrive().batchSize(),
                        wiring.get(Metrics.class))::run);
        wiring.consumer(
                "expireUnpaidOrders",
                ScheduledEvent.class,
                () -> new ScheduledExpiry(
                        new ExpireUnpaidOrders(
                                wiring.get(Orders.class),
                                wiring.get(OrderEvents.class),
                                wiring.get(Clock.class),
                                properties.payment().hold()),
                        properties.redrive().batchSize(),
                        wiring.get(Metrics.class))::run);
    }
}
