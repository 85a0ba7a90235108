package dev.orderflow.benchmark.cost;

import dev.orderflow.inventory.adapter.dynamodb.DynamoDbStock;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.inventory.domain.NewProduct;
import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.lambda.LocalStores;
import dev.orderflow.local.lambda.SamFunctions;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an order costs on AWS, measured: every function an order touches runs from its deployment jar under the AWS
 * Lambda Runtime Interface Client (one warm environment each, the template's environment), against a Kafka broker
 * and the DynamoDB-compatible server; {@link Pipeline} moves the orders' records from stage to stage as the
 * triggers would, in batches of a given size, and times every invocation as Lambda bills it (from handing over the
 * event to the response, rounded up to the millisecond). DynamoDB units come from the items the run left in the
 * tables ({@link ItemSizes}) and the calls each stage makes; {@link Prices} turns both into dollars.
 *
 * <p>Usage: {@code OrderCost REPOSITORY OUTPUT_DIR [ORDERS] [BATCH_SIZES]}; see {@code local/benchmark/order-cost}.
 */
public final class OrderCost {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> FUNCTIONS = List.of(
            "createOrder", "relayOrderEvents", "onOrderEventBatch", "onInventoryEventBatch", "detectStockAlerts");
    private static final int PRODUCTS = 1_000;
    private static final int WARM_UP_ORDERS = 300;

    private OrderCost() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: OrderCost REPOSITORY OUTPUT_DIR [ORDERS] [BATCH_SIZES]");
            System.exit(2);
        }
        Path repository = Path.of(args[0]).toAbsolutePath().normalize();
        Path output = Path.of(args[1]).toAbsolutePath();
        int orders = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        List<Integer> batchSizes = args.length > 3
                ? Arrays.stream(args[3].split(",")).map(Integer::parseInt).toList()
                : List.of(1, 10, 100);
        Files.createDirectories(output);

        try (LocalDynamoDb dynamo = LocalDynamoDb.start(0, null);
                EmbeddedKafka kafka = EmbeddedKafka.start(Files.createTempDirectory(output, "kafka"), 0)) {
            Map<String, String> names = LocalStores.NAMES;
            kafka.createTopics(
                    List.of(
                            names.get("ORDER_EVENTS_TOPIC"),
                            names.get("INVENTORY_EVENTS_TOPIC"),
                            names.get("INVENTORY_ALERTS_TOPIC"),
                            names.get("ORDER_EVENTS_TOPIC") + ".dlq",
                            names.get("INVENTORY_EVENTS_TOPIC") + ".dlq"),
                    3);
            try (var client = dynamo.client()) {
                OrderTables.createMissing(
                        client,
                        new OrderTableNames(
                                names.get("ORDERS_TABLE"),
                                names.get("ORDER_OUTBOX_TABLE"),
                                names.get("ORDER_IDEMPOTENCY_TABLE")));
                var inventoryTables =
                        new InventoryTableNames(names.get("PRODUCTS_TABLE"), names.get("RESERVATIONS_TABLE"));
                InventoryTables.createMissing(client, inventoryTables);
                var stock = new DynamoDbStock(client, inventoryTables);
                for (int i = 0; i < PRODUCTS; i++) {
                    stock.add(new NewProduct(product(i), "Product " + i, 1_000_000, 0L), 0, Instant.now());
                }
            }
            SamFunctions template = SamFunctions.read(repository.resolve("infra/template.yaml"));
            Map<String, String> local = LocalStores.environment(
                    kafka.bootstrapServers(), dynamo.endpoint().toString());
            byte[] createOrderEvent = Files.readAllBytes(repository.resolve("events/order/api-create-order.json"));
            try (var pipeline = Pipeline.start(repository, output, template, local, dynamo, kafka.bootstrapServers())) {
                System.out.printf(
                        Locale.ROOT,
                        "order cost: %d orders per batch size, %d products, %d cores%n",
                        orders,
                        PRODUCTS,
                        Runtime.getRuntime().availableProcessors());
                run(pipeline, createOrderEvent, WARM_UP_ORDERS, 10);
                ObjectNode summary = JSON.createObjectNode();
                summary.put("orders", orders);
                Map<String, Integer> memory = new LinkedHashMap<>();
                FUNCTIONS.forEach(function -> memory.put(
                        function, template.serving(function).orElseThrow().memorySize()));
                for (int batch : batchSizes) {
                    Map<String, Pipeline.Invocations> measured = run(pipeline, createOrderEvent, orders, batch);
                    Report.print(batch, orders, measured, memory);
                    Report.add(summary.putObject("batch" + batch), orders, measured, memory);
                }
                ItemSizes sizes = ItemSizes.read(dynamo);
                Report.printStore(sizes, summary);
                Report.addPrices(summary);
                Files.writeString(
                        output.resolve("order-cost.json"),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
                System.out.println("\nsummary: " + output.resolve("order-cost.json"));
            }
        }
    }

    /** Places {@code orders} orders (one line each, products in turn), then moves their records through the pipeline. */
    private static Map<String, Pipeline.Invocations> run(
            Pipeline pipeline, byte[] createOrderEvent, int orders, int batch) {
        pipeline.reset();
        for (int i = 0; i < orders; i++) {
            ObjectNode event = (ObjectNode) JSON.readTree(createOrderEvent);
            ((ObjectNode) event.path("headers")).put("idempotency-key", "cost-" + UUID.randomUUID());
            event.put("body", "{\"orderItems\":[{\"productId\":\"" + product(i % PRODUCTS) + "\",\"quantity\":1}]}");
            JsonNode response = pipeline.invoke("createOrder", JSON.writeValueAsBytes(event), 1);
            if (response.path("statusCode").intValue() != 201) {
                throw new IllegalStateException("createOrder answered " + response);
            }
        }
        pipeline.drain(batch, orders);
        return pipeline.invocations();
    }

    static String product(int i) {
        return String.format(Locale.ROOT, "sku-cost-%04d", i);
    }

    static Duration timeout() {
        return Duration.ofSeconds(60);
    }

    /** {@code all} in consecutive pieces of {@code size} (the last one shorter), as a trigger cuts its batches. */
    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }
}
