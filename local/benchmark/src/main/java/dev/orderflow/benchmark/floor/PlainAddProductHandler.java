package dev.orderflow.benchmark.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderflow.inventory.adapter.dynamodb.DynamoDbAlertFeed;
import dev.orderflow.inventory.adapter.dynamodb.DynamoDbStock;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.function.InventoryHttpApi;
import dev.orderflow.inventory.application.ManageProducts;
import dev.orderflow.inventory.application.RecentAlerts;
import dev.orderflow.lambda.aws.DynamoDbClients;
import dev.orderflow.lambda.kafka.DeadLetterBacklog;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cold-start floor for {@code POST /inventory/products}: the {@code addProduct} Lambda's work - same domain,
 * store adapter, client and mapper - in a plain {@link RequestHandler} without Spring. Benchmark code only.
 */
public class PlainAddProductHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final InventoryHttpApi api;

    public PlainAddProductHandler() {
        JsonMapper json = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        var dynamo = DynamoDbClients.create(Env.get("AWS_REGION", "us-east-1"), Env.get("DYNAMODB_ENDPOINT", ""));
        var tables = new InventoryTableNames(
                Env.get("PRODUCTS_TABLE", "inventory-products"),
                Env.get("RESERVATIONS_TABLE", "inventory-reservations"));
        api = new InventoryHttpApi(
                new ManageProducts(
                        new DynamoDbStock(dynamo, tables),
                        clock,
                        Long.parseLong(Env.get("DEFAULT_LOW_STOCK_THRESHOLD", "5"))),
                new RecentAlerts(new DynamoDbAlertFeed(dynamo, tables)),
                new DeadLetterBacklog(Env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), java.util.Map.of()),
                "order-events.dlq",
                json);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.addProduct(event);
    }
}
