package dev.orderflow.inventory.config;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orderflow.inventory.adapter.dynamodb.DynamoDbAlertFeed;
import dev.orderflow.inventory.adapter.dynamodb.DynamoDbStock;
import dev.orderflow.inventory.adapter.function.InventoryHttpApi;
import dev.orderflow.inventory.adapter.function.OrderEventsListener;
import dev.orderflow.inventory.adapter.function.StockAlertDetector;
import dev.orderflow.inventory.adapter.kafka.KafkaInventoryEvents;
import dev.orderflow.inventory.application.AlertFeed;
import dev.orderflow.inventory.application.ApplyOrderEvent;
import dev.orderflow.inventory.application.DetectStockAlerts;
import dev.orderflow.inventory.application.InventoryEvents;
import dev.orderflow.inventory.application.ManageProducts;
import dev.orderflow.inventory.application.RecentAlerts;
import dev.orderflow.inventory.application.Stock;
import dev.orderflow.lambda.FunctionWiring;
import dev.orderflow.lambda.aws.DynamoDbClients;
import dev.orderflow.lambda.kafka.DeadLetterBacklog;
import dev.orderflow.lambda.kafka.EventProducer;
import dev.orderflow.lambda.kafka.KafkaBatchResponse;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inventory, wired: the Spring application behind every Inventory Lambda (its {@code MAIN_CLASS});
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION} picks the function one Lambda serves. Functional registration, as in
 * Order Management ({@link FunctionWiring}); settings in {@code inventory-service.properties}.
 */
public class InventoryApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public static void main(String[] args) {
        FunctionalSpringApplication.run(InventoryApplication.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        var wiring = FunctionWiring.of(context, "classpath:inventory-service.properties", JSON);
        InventoryProperties properties = wiring.properties("orderflow", InventoryProperties.class);
        var inventory = properties.inventory();

        wiring.bean("inventoryClock", Clock.class, () -> Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
        wiring.closeableBean(
                "dynamoDbClient",
                DynamoDbClient.class,
                () -> DynamoDbClients.primedBeforeSnapshot(
                        DynamoDbClients.create(
                                properties.aws().region(), properties.aws().dynamodbEndpoint()),
                        inventory.tables().products(),
                        "productId"));
        wiring.bean(
                "stock", Stock.class, () -> new DynamoDbStock(wiring.get(DynamoDbClient.class), inventory.tables()));
        wiring.closeableBean(
                "deadLetterBacklog",
                DeadLetterBacklog.class,
                () -> DeadLetterBacklog.of(
                        properties.kafka().bootstrapServers(),
                        properties.kafka().auth(),
                        properties.kafka().clientConfig()));
        wiring.bean(
                "alertFeed",
                AlertFeed.class,
                () -> new DynamoDbAlertFeed(wiring.get(DynamoDbClient.class), inventory.tables()));
        wiring.closeableBean(
                "eventProducer",
                EventProducer.class,
                () -> EventProducer.connect(
                        properties.kafka().bootstrapServers(),
                        "inventory-service",
                        properties.kafka().clientProperties()));
        wiring.bean("metrics", Metrics.class, () -> Metrics.of("inventory"));
        wiring.bean(
                "inventoryEvents",
                InventoryEvents.class,
                () -> new KafkaInventoryEvents(
                        wiring.get(EventProducer.class),
                        JSON,
                        inventory.outcomesTopic(),
                        inventory.alertsTopic(),
                        wiring.get(Clock.class),
                        wiring.get(Metrics.class)));
        wiring.bean(
                "inventoryHttpApi",
                InventoryHttpApi.class,
                () -> new InventoryHttpApi(
                        new ManageProducts(
                                wiring.get(Stock.class), wiring.get(Clock.class), inventory.defaultLowStockThreshold()),
                        new RecentAlerts(wiring.get(AlertFeed.class)),
                        wiring.get(DeadLetterBacklog.class),
                        inventory.deadLetterTopic(),
                        JSON));
        wiring.bean(
                "orderEventsListener",
                OrderEventsListener.class,
                () -> new OrderEventsListener(
                        new ApplyOrderEvent(
                                wiring.get(Stock.class),
                                wiring.get(InventoryEvents.class),
                                wiring.get(Clock.class),
                                properties.contention()::untilDone),
                        JSON,
                        new KafkaBatches(
                                wiring.get(EventProducer.class),
                                inventory.consumerAttempts(),
                                wiring.get(Metrics.class)),
                        wiring.get(Metrics.class)));
        wiring.bean(
                "stockAlertDetector",
                StockAlertDetector.class,
                () -> new StockAlertDetector(
                        new DetectStockAlerts(wiring.get(InventoryEvents.class), wiring.get(AlertFeed.class))));

        // the functions: one Lambda each
        wiring.function(
                "addProduct",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(InventoryHttpApi.class)::addProduct);
        wiring.function(
                "getProduct",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(InventoryHttpApi.class)::getProduct);
        wiring.function(
                "listProducts",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(InventoryHttpApi.class)::listProducts);
        wiring.function(
                "listAlerts",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(InventoryHttpApi.class)::listAlerts);
        wiring.function(
                "getInventoryDeadLetters",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(InventoryHttpApi.class)::getDeadLetters);
        wiring.function(
                "restockProduct",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(InventoryHttpApi.class)::restockProduct);
        wiring.function(
                "updateProduct",
                APIGatewayV2HTTPEvent.class,
                APIGatewayV2HTTPResponse.class,
                () -> wiring.get(InventoryHttpApi.class)::updateProduct);
        wiring.function(
                "onOrderEventBatch",
                KafkaEvent.class,
                KafkaBatchResponse.class,
                () -> wiring.get(OrderEventsListener.class)::onOrderEventBatch);
        wiring.function(
                "detectStockAlerts",
                DynamodbEvent.class,
                StreamsEventResponse.class,
                () -> wiring.get(StockAlertDetector.class)::detect);
    }
}
