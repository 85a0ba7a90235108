package dev.orderflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.inventory.domain.Product;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ceiling's unit of work is the pipeline's store work for one order: its calls and its effects. */
class OrderStoreWorkIT {

    private static LocalDynamoDb server;
    private static DynamoDbClient dynamo;
    private static final AtomicInteger calls = new AtomicInteger();
    private static final List<software.amazon.awssdk.core.SdkRequest> requests = new CopyOnWriteArrayList<>();
    private static OrderStoreWork.Store store;

    @BeforeAll
    static void start() {
        server = LocalDynamoDb.start(0, null);
        dynamo = DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        calls.incrementAndGet();
                        requests.add(context.request());
                    }
                }))
                .build();
        store = OrderStoreWork.Store.create(dynamo, 3);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        server.close();
    }

    @Test
    void takesAnOrderToItsFinalStatusInSixCallsAndReservesItsStockOnce() {
        var work = new OrderStoreWork(store);
        calls.set(0);

        Order first = work.run(store.product(0));
        int callsForOneOrder = calls.get();
        work.run(store.product(0));

        assertThat(callsForOneOrder).isEqualTo(6);
        assertThat(first.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(store.orders().find(first.orderId()))
                .get()
                .extracting(Order::status)
                .isEqualTo(OrderStatus.CONFIRMED);
        Product sold = store.stock().find(store.product(0)).orElseThrow();
        assertThat(sold.available()).isEqualTo(OrderStoreWork.Store.STOCK - 2);
        assertThat(sold.reserved())
                .as("held for the two confirmed orders until they ship")
                .isEqualTo(2);
        assertThat(store.stock().find(store.product(1)).orElseThrow().available())
                .isEqualTo(OrderStoreWork.Store.STOCK);
    }

    @Test
    void theCostModelCountsTheCallsAndItemsTheServicesMakeForOneOrder() {
        var work = new OrderStoreWork(store);
        requests.clear();

        work.run(store.product(2), "key-" + UUID.randomUUID());

        var made = requests.stream().map(OrderStoreWorkIT::shape).toList();
        var modelled = dev.orderflow.benchmark.cost.StoreCalls.PER_ORDER.stream()
                .map(call -> (call.transactionalWrite() ? "write " : "read ")
                        + call.tables().stream().sorted().toList())
                .toList();
        assertThat(made).isEqualTo(modelled);
    }

    /** A call as the cost model counts it: a transactional write or a read, and the tables of its items under the pipeline's names. */
    private static String shape(software.amazon.awssdk.core.SdkRequest request) {
        List<String> tables = new ArrayList<>();
        boolean write = false;
        if (request instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest transaction) {
            write = true;
            transaction
                    .transactItems()
                    .forEach(item -> tables.add(
                            item.put() != null
                                    ? item.put().tableName()
                                    : item.update() != null
                                            ? item.update().tableName()
                                            : item.delete() != null
                                                    ? item.delete().tableName()
                                                    : item.conditionCheck().tableName()));
        } else if (request instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest batch) {
            batch.requestItems().forEach((table, keys) -> keys.keys().forEach(key -> tables.add(table)));
        } else if (request instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest get) {
            tables.add(get.tableName());
        } else {
            tables.add(request.getClass().getSimpleName());
        }
        return (write ? "write " : "read ")
                + tables.stream().map(OrderStoreWorkIT::pipelineName).sorted().toList();
    }

    private static String pipelineName(String table) {
        return Map.of(
                        OrderStoreWork.Store.ORDER_TABLES.orders(),
                        "orders",
                        OrderStoreWork.Store.ORDER_TABLES.outbox(),
                        "order-outbox",
                        OrderStoreWork.Store.ORDER_TABLES.idempotency(),
                        "order-idempotency",
                        OrderStoreWork.Store.INVENTORY_TABLES.products(),
                        "inventory-products",
                        OrderStoreWork.Store.INVENTORY_TABLES.reservations(),
                        "inventory-reservations")
                .getOrDefault(table, table);
    }
}
