package dev.orderflow.order.config;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import dev.orderflow.lambda.aws.DynamoDbClients;
import dev.orderflow.lambda.kafka.EventProducer;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.order.adapter.dynamodb.DynamoDbOrders;
import dev.orderflow.order.adapter.function.InventoryEventsListener;
import dev.orderflow.order.adapter.function.OrderEventRelay;
import dev.orderflow.order.adapter.function.OrderHttpApi;
import dev.orderflow.order.adapter.kafka.KafkaEventPublisher;
import dev.orderflow.order.application.ApplyInventoryAnswer;
import dev.orderflow.order.application.GetOrder;
import dev.orderflow.order.application.ListOrders;
import dev.orderflow.order.application.OrderEvents;
import dev.orderflow.order.application.Orders;
import dev.orderflow.order.application.PlaceOrder;
import dev.orderflow.order.application.RedrivePendingOrders;
import dev.orderflow.order.application.RelayEvents;
import dev.orderflow.order.application.UpdateOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds Order Management. The function beans are the deployable units: each becomes one Lambda, named
 * by {@code SPRING_CLOUD_FUNCTION_DEFINITION}; the local runner serves the same beans.
 */
@Configuration(proxyBeanMethods = false)
// a file of its own, not application.properties: the local runner has both services on one classpath
@PropertySource("classpath:order-service.properties")
@EnableConfigurationProperties(OrderProperties.class)
public class OrderConfiguration {

    /**
     * Our own mapper for request bodies, responses and events, so the wire format does not depend on
     * Spring's settings. Duplicate keys in a request are an error, not "last one wins".
     */
    static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** Order ids and event ids: random UUIDs. */
    static final Supplier<String> IDS = () -> UUID.randomUUID().toString();

    /**
     * The mapper Spring Cloud Function derives its own from (to read events and write responses); without one it
     * logs a failure and falls back at every start.
     */
    @Bean
    JsonMapper objectMapper() {
        return JSON;
    }

    @Bean
    Clock orderClock() {
        // microseconds: what the store keeps, so a created order reads back exactly as it was returned
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(OrderProperties properties) {
        return DynamoDbClients.primedBeforeSnapshot(DynamoDbClients.create(properties.aws().region(), properties.aws().dynamodbEndpoint()),
                properties.tables().orders(), "orderId");
    }

    @Bean
    Orders orders(DynamoDbClient dynamoDb, OrderProperties properties, Clock orderClock) {
        return new DynamoDbOrders(dynamoDb, properties.tables().names(), JSON::writeValueAsString, orderClock);
    }

    @Bean(destroyMethod = "close")
    EventProducer eventProducer(OrderProperties properties) {
        return EventProducer.connect(properties.kafka().bootstrapServers(), "order-service", properties.kafka().clientProperties());
    }

    @Bean
    OrderEvents orderEvents(OrderProperties properties) {
        return new OrderEvents(properties.topics().orderEvents(), IDS);
    }

    @Bean
    OrderHttpApi orderHttpApi(Orders orders, OrderEvents events, Clock orderClock) {
        return new OrderHttpApi(new PlaceOrder(orders, events, orderClock, IDS), new GetOrder(orders),
                new ListOrders(orders), new UpdateOrder(orders, events, orderClock), JSON);
    }

    @Bean
    InventoryEventsListener inventoryEventsListener(Orders orders, OrderEvents events, OrderProperties properties, Clock orderClock,
            EventProducer eventProducer) {
        return new InventoryEventsListener(new ApplyInventoryAnswer(orders, events, orderClock), JSON,
                new KafkaBatches(eventProducer, properties.kafka().consumerAttempts()));
    }

    @Bean
    Consumer<byte[]> onInventoryEvent(InventoryEventsListener listener) {
        return listener::onInventoryEvent;
    }

    @Bean
    Consumer<KafkaEvent> onInventoryEventBatch(InventoryEventsListener listener) {
        return listener::onInventoryEventBatch;
    }

    @Bean
    Consumer<ScheduledEvent> redrivePendingOrders(Orders orders, OrderEvents events, OrderProperties properties, Clock orderClock) {
        var redrive = new RedrivePendingOrders(orders, events, orderClock, properties.redrive().after(), properties.redrive().maxAttempts());
        return schedule -> redrive.run(properties.redrive().batchSize());
    }

    @Bean
    OrderEventRelay orderEventRelay(EventProducer eventProducer) {
        return new OrderEventRelay(new RelayEvents(new KafkaEventPublisher(eventProducer)));
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createOrder(OrderHttpApi api) {
        return api::createOrder;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> getOrder(OrderHttpApi api) {
        return api::getOrder;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> listOrders(OrderHttpApi api) {
        return api::listOrders;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> updateOrder(OrderHttpApi api) {
        return api::updateOrder;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> routeNotFound(OrderHttpApi api) {
        return api::routeNotFound;
    }

    @Bean
    Function<DynamodbEvent, StreamsEventResponse> relayOrderEvents(OrderEventRelay relay) {
        return relay::relay;
    }
}
