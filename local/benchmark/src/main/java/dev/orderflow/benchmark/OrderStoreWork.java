package dev.orderflow.benchmark;

import dev.orderflow.contracts.Topics;
import dev.orderflow.inventory.adapter.dynamodb.DynamoDbStock;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.inventory.application.ApplyOrderEvent;
import dev.orderflow.inventory.application.InventoryEvents;
import dev.orderflow.inventory.application.ManageProducts;
import dev.orderflow.inventory.application.Stock;
import dev.orderflow.inventory.domain.LineStatus;
import dev.orderflow.inventory.domain.NewProduct;
import dev.orderflow.inventory.domain.OrderSnapshot;
import dev.orderflow.inventory.domain.Outcome;
import dev.orderflow.inventory.domain.StockAlerts;
import dev.orderflow.lambda.ContentionRetry;
import dev.orderflow.order.adapter.dynamodb.DynamoDbOrders;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import dev.orderflow.order.application.ApplyInventoryAnswer;
import dev.orderflow.order.application.OrderEvents;
import dev.orderflow.order.application.Orders;
import dev.orderflow.order.application.PlaceOrder;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.InventoryAnswer;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.Requester;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DynamoDB work of one order, done by the services' own application code and store adapters (tables
 * defined as the pipeline's, with their indexes and streams; the same items, conditions and retries),
 * without the functions, their envelopes and Kafka in between: place the order; Inventory applies
 * OrderCreated (one batch read, one transaction); Order Management applies the answer (one read, one
 * transaction); Inventory applies the resulting OrderUpdated (one batch read; nothing to write). 6 calls.
 * One instance per thread.
 */
final class OrderStoreWork implements InventoryEvents {

    private static final Supplier<String> IDS = () -> UUID.randomUUID().toString();

    /** The ceiling's own tables on the system's DynamoDB server, and the services' adapters on them. */
    record Store(Orders orders, Stock stock, Clock clock) {

        static final OrderTableNames ORDER_TABLES =
                new OrderTableNames("ceiling-orders", "ceiling-outbox", "ceiling-idempotency");
        static final InventoryTableNames INVENTORY_TABLES =
                new InventoryTableNames("ceiling-products", "ceiling-reservations");
        static final long STOCK = 1_000_000;

        /** Creates the tables as the services define theirs, with {@code products} products of {@link #STOCK} units. */
        static Store create(DynamoDbClient dynamo, int products) {
            OrderTables.createMissing(dynamo, ORDER_TABLES);
            InventoryTables.createMissing(dynamo, INVENTORY_TABLES);
            Clock clock = Clock.systemUTC();
            var store = new Store(
                    new DynamoDbOrders(
                            dynamo, ORDER_TABLES, JsonMapper.builder().build()::writeValueAsString, clock),
                    new DynamoDbStock(dynamo, INVENTORY_TABLES),
                    clock);
            var manage = new ManageProducts(store.stock, clock, 10);
            for (int p = 0; p < products; p++) {
                manage.add(new NewProduct(store.product(p), null, STOCK, 10L));
            }
            return store;
        }

        String product(int index) {
            return "ceiling-" + index;
        }
    }

    private final PlaceOrder place;
    private final ApplyOrderEvent inventory;
    private final ApplyInventoryAnswer answer;
    private Outcome outcome;

    OrderStoreWork(Store store) {
        var events = new OrderEvents(Topics.ORDER_EVENTS, IDS, dev.orderflow.lambda.trace.Traces::forNewEvent);
        this.place = new PlaceOrder(store.orders(), events, store.clock(), IDS, CustomerLimits.NONE);
        this.inventory = new ApplyOrderEvent(store.stock(), this, store.clock(), ContentionRetry.DEFAULT::untilDone);
        this.answer =
                new ApplyInventoryAnswer(store.orders(), events, store.clock(), ContentionRetry.DEFAULT::untilDone);
    }

    /** Takes one order for one unit of {@code product} to its final status, placed without an Idempotency-Key (as the benchmark's load places them); returns it. */
    Order run(String product) {
        return run(product, null);
    }

    /** The same, placed with {@code idempotencyKey} (a storefront's Idempotency-Key), as the cost model counts an order. */
    Order run(String product, String idempotencyKey) {
        Order created = place.place(
                        Requester.backOffice("ceiling"),
                        new NewOrder("ceiling-user", List.of(new NewOrder.NewLine(product, 1))),
                        idempotencyKey)
                .order();
        outcome = null;
        inventory.apply(snapshot(created));
        List<InventoryAnswer> answers = outcome.lines().stream()
                .map(d -> new InventoryAnswer(
                        d.productId(),
                        d.quantity(),
                        d.status() == LineStatus.EXECUTED,
                        d.reason() == null ? null : d.reason().name()))
                .toList();
        Order updated = answer.apply(created.orderId(), outcome.orderVersion(), answers)
                .orElseThrow(
                        () -> new IllegalStateException("the answer to " + created.orderId() + " was not applied"));
        inventory.apply(snapshot(updated));
        return updated;
    }

    private static OrderSnapshot snapshot(Order order) {
        return new OrderSnapshot(
                order.orderId(),
                order.version(),
                OrderSnapshot.Status.valueOf(order.status().name()),
                order.orderItems().stream()
                        .map(l -> new OrderSnapshot.Line(
                                l.productId(),
                                l.quantity(),
                                LineStatus.valueOf(l.status().name())))
                        .toList());
    }

    @Override
    public Sent outcome(String orderId, Outcome outcome) {
        this.outcome = outcome;
        return () -> {};
    }

    @Override
    public void alert(StockChange change, StockAlerts.Alert alert) {
        // alerts come from the products stream, which this work does not read
    }
}
