package dev.orderflow.order.application;

import static dev.orderflow.order.domain.OrderFixtures.aNewOrder;
import static dev.orderflow.order.domain.OrderFixtures.statusChange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.contracts.TraceContext;
import dev.orderflow.lambda.ContentionRetry;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.order.adapter.dynamodb.DynamoDbOrders;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import dev.orderflow.order.domain.InventoryAnswer;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Inventory's answers applied as a batch on one read of their orders, against the DynamoDB-compatible server: each
 * write stays conditional on the order's version, so a customer's change after the read is never overwritten.
 */
class ApplyInventoryAnswerBatchTest {

    private static final TraceContext CAUSE =
            new TraceContext("req-batch", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    /** Microseconds, as the service's clock and the store keep them. */
    private static final Clock CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private static LocalDynamoDb dynamo;
    private static DynamoDbClient client;
    private static Orders stored;
    private static final OrderEvents EVENTS =
            new OrderEvents("order-events", () -> UUID.randomUUID().toString(), () -> CAUSE);

    private final Map<String, Integer> reads = new ConcurrentHashMap<>();
    private final List<Runnable> afterTheBatchRead = new ArrayList<>();
    private final ApplyInventoryAnswer apply =
            new ApplyInventoryAnswer(counting(), EVENTS, CLOCK, ContentionRetry.DEFAULT::untilDone);

    @BeforeAll
    static void start() {
        dynamo = LocalDynamoDb.start(0, null);
        client = dynamo.client();
        var tables = new OrderTableNames("orders", "order-outbox", "order-idempotency");
        OrderTables.createMissing(client, tables);
        stored = new DynamoDbOrders(client, tables, event -> "{}", CLOCK);
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamo.close();
    }

    @Test
    void answersAboutSeveralOrdersAreAppliedOnOneReadOfThemAll() {
        Order first = placed("sku-a", "2");
        Order second = placed("sku-b", "1");

        var batch = apply.batch(List.of(first.orderId(), second.orderId()));
        Optional<Order> confirmed =
                batch.apply(first.orderId(), 1, List.of(new InventoryAnswer("sku-a", 2, true, null)));
        Optional<Order> rejected =
                batch.apply(second.orderId(), 1, List.of(new InventoryAnswer("sku-b", 1, false, "OUT_OF_STOCK")));

        assertThat(confirmed).map(Order::status).contains(OrderStatus.CONFIRMED);
        assertThat(rejected).map(Order::status).contains(OrderStatus.REJECTED);
        assertThat(stored.find(first.orderId())).isEqualTo(confirmed);
        assertThat(stored.find(second.orderId())).isEqualTo(rejected);
        assertThat(reads).isEqualTo(Map.of("findAll", 1));
    }

    @Test
    void anOrderTheCustomerCanceledAfterTheBatchReadStaysCanceled() {
        Order order = placed("sku-a", "2");
        afterTheBatchRead.add(() -> {
            Order canceled = order.apply(statusChange(OrderStatus.CANCELED), CLOCK.instant());
            stored.update(order, canceled, EVENTS.updated(canceled, order.status(), ChangedBy.INVENTORY));
        });

        var batch = apply.batch(List.of(order.orderId()));
        Optional<Order> after = batch.apply(order.orderId(), 1, List.of(new InventoryAnswer("sku-a", 2, true, null)));

        assertThat(after).map(Order::status).contains(OrderStatus.CANCELED);
        assertThat(stored.find(order.orderId())).map(Order::status).contains(OrderStatus.CANCELED);
        assertThat(reads).isEqualTo(Map.of("findAll", 1, "find", 1));
    }

    @Test
    void anAnswerAboutAnOrderTheBatchDidNotFindIsCheckedOnceMoreAlone() {
        var batch = apply.batch(List.of("ord-nowhere"));

        assertThat(batch.apply("ord-nowhere", 1, List.of(new InventoryAnswer("sku-a", 1, true, null))))
                .isEmpty();
        assertThat(reads).isEqualTo(Map.of("findAll", 1, "find", 1));
    }

    @Test
    void twoAnswersAboutTheSameOrderInOneBatchBothApply() {
        Order order = placed("sku-a", "1", "sku-b", "1");

        var batch = apply.batch(List.of(order.orderId(), order.orderId()));
        batch.apply(order.orderId(), 1, List.of(new InventoryAnswer("sku-a", 1, true, null)));
        Optional<Order> after =
                batch.apply(order.orderId(), 1, List.of(new InventoryAnswer("sku-b", 1, false, "OUT_OF_STOCK")));

        assertThat(after).map(Order::status).contains(OrderStatus.PARTIALLY_CONFIRMED);
        assertThat(stored.find(order.orderId())).isEqualTo(after);
        assertThat(reads).isEqualTo(Map.of("findAll", 1));
    }

    private static Order placed(String... productIdsAndQuantities) {
        Order order = Order.place("ord-" + UUID.randomUUID(), aNewOrder(productIdsAndQuantities), CLOCK.instant());
        stored.create(order, EVENTS.created(order, ChangedBy.INVENTORY), null);
        return order;
    }

    /** The stored orders, counting reads, and letting another writer in right after a batch's read. */
    private Orders counting() {
        return (Orders) Proxy.newProxyInstance(
                Orders.class.getClassLoader(), new Class<?>[] {Orders.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("find")) {
                        reads.merge(method.getName(), 1, Integer::sum);
                    }
                    try {
                        return method.invoke(stored, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("findAll")) {
                            List<Runnable> others = List.copyOf(afterTheBatchRead);
                            afterTheBatchRead.clear();
                            others.forEach(Runnable::run);
                        }
                    }
                });
    }
}
