package dev.orderflow.inventory.config;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import dev.orderflow.inventory.adapter.dynamodb.DynamoDbStock;
import dev.orderflow.inventory.adapter.function.InventoryHttpApi;
import dev.orderflow.inventory.adapter.function.OrderEventsListener;
import dev.orderflow.inventory.adapter.function.StockAlertDetector;
import dev.orderflow.inventory.adapter.kafka.KafkaInventoryEvents;
import dev.orderflow.inventory.application.ApplyOrderEvent;
import dev.orderflow.inventory.application.DetectStockAlerts;
import dev.orderflow.inventory.application.InventoryEvents;
import dev.orderflow.inventory.application.ManageProducts;
import dev.orderflow.inventory.application.Stock;
import dev.orderflow.lambda.aws.DynamoDbClients;
import dev.orderflow.lambda.kafka.EventProducer;
import dev.orderflow.lambda.kafka.KafkaBatches;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds Inventory. Each function bean is one Lambda ({@code SPRING_CLOUD_FUNCTION_DEFINITION}), except
 * {@code onOrderEvent}, the Spring Cloud Stream binding the local runner uses where Lambda has the MSK
 * entry point {@code onOrderEventBatch}.
 */
@Configuration(proxyBeanMethods = false)
// a file of its own, not application.properties: the local runner has both services on one classpath
@PropertySource("classpath:inventory-service.properties")
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryConfiguration {

    static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * The mapper Spring Cloud Function derives its own from (to read events and write responses); without one it
     * logs a failure and falls back at every start.
     */
    @Bean
    JsonMapper objectMapper() {
        return JSON;
    }

    @Bean
    Clock inventoryClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(InventoryProperties properties) {
        return DynamoDbClients.primedBeforeSnapshot(DynamoDbClients.create(properties.aws().region(), properties.aws().dynamodbEndpoint()),
                properties.inventory().tables().products(), "productId");
    }

    @Bean
    Stock stock(DynamoDbClient dynamoDb, InventoryProperties properties) {
        return new DynamoDbStock(dynamoDb, properties.inventory().tables());
    }

    @Bean(destroyMethod = "close")
    EventProducer eventProducer(InventoryProperties properties) {
        return EventProducer.connect(properties.kafka().bootstrapServers(), "inventory-service", properties.kafka().clientProperties());
    }

    @Bean
    InventoryEvents inventoryEvents(EventProducer eventProducer, InventoryProperties properties, Clock inventoryClock) {
        return new KafkaInventoryEvents(eventProducer, JSON, properties.inventory().outcomesTopic(),
                properties.inventory().alertsTopic(), inventoryClock);
    }

    @Bean
    InventoryHttpApi inventoryHttpApi(Stock stock, InventoryProperties properties, Clock inventoryClock) {
        return new InventoryHttpApi(new ManageProducts(stock, inventoryClock, properties.inventory().defaultLowStockThreshold()), JSON);
    }

    @Bean
    OrderEventsListener orderEventsListener(Stock stock, InventoryEvents inventoryEvents, EventProducer eventProducer,
            InventoryProperties properties, Clock inventoryClock) {
        return new OrderEventsListener(new ApplyOrderEvent(stock, inventoryEvents, inventoryClock), JSON,
                new KafkaBatches(eventProducer, properties.inventory().consumerAttempts()));
    }

    @Bean
    StockAlertDetector stockAlertDetector(InventoryEvents inventoryEvents) {
        return new StockAlertDetector(new DetectStockAlerts(inventoryEvents));
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> addProduct(InventoryHttpApi api) {
        return api::addProduct;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> getProduct(InventoryHttpApi api) {
        return api::getProduct;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> listProducts(InventoryHttpApi api) {
        return api::listProducts;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> restockProduct(InventoryHttpApi api) {
        return api::restockProduct;
    }

    @Bean
    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> updateProduct(InventoryHttpApi api) {
        return api::updateProduct;
    }

    @Bean
    Consumer<byte[]> onOrderEvent(OrderEventsListener listener) {
        return listener::onOrderEvent;
    }

    @Bean
    Consumer<KafkaEvent> onOrderEventBatch(OrderEventsListener listener) {
        return listener::onOrderEventBatch;
    }

    @Bean
    Function<DynamodbEvent, StreamsEventResponse> detectStockAlerts(StockAlertDetector detector) {
        return detector::detect;
    }
}
