package dev.orderflow.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.inventory.adapter.dynamodb.DynamoDbStock;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.inventory.domain.LineStatus;
import dev.orderflow.inventory.domain.NewProduct;
import dev.orderflow.inventory.domain.OrderSnapshot;
import dev.orderflow.inventory.domain.Outcome;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.ProductChange;
import dev.orderflow.inventory.domain.ReservationPlan;
import dev.orderflow.inventory.domain.StockAlerts;
import dev.orderflow.lambda.ContentionRetry;
import dev.orderflow.local.infra.LocalDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A batch of order events applied on one read of the stock, against the DynamoDB-compatible server: the conditions,
 * not the read, keep the stock exact.
 */
class ApplyOrderEventBatchTest {

    private static LocalDynamoDb dynamo;
    private static DynamoDbClient client;
    private static Stock stored;

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final List<Runnable> afterTheBatchRead = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private final Stock stock = new CountingStock();
    private final ApplyOrderEvent apply = new ApplyOrderEvent(
            stock, new RecordedAnswers(null), Clock.systemUTC(), ContentionRetry.DEFAULT::untilDone);

    @BeforeAll
    static void start() {
        dynamo = LocalDynamoDb.start(0, null);
        client = dynamo.client();
        var tables = new InventoryTableNames("products", "reservations");
        InventoryTables.createMissing(client, tables);
        stored = new DynamoDbStock(client, tables);
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamo.close();
    }

    @Test
    void eventsCompetingForTheSameStockInOneBatchAreDecidedInOrderOnOneRead() {
        String product = product(5);
        String first = id(), second = id(), third = id();

        var batch = apply.batch(
                List.of(created(first, product, 2), created(second, product, 2), created(third, product, 2)));
        List<ReservationPlan> plans = List.of(
                batch.apply(created(first, product, 2)),
                batch.apply(created(second, product, 2)),
                batch.apply(created(third, product, 2)));

        assertThat(plans)
                .extracting(plan -> plan.outcome().lines().get(0).status())
                .containsExactly(LineStatus.EXECUTED, LineStatus.EXECUTED, LineStatus.CANCELED);
        assertThat(plans.get(2).outcome().lines().get(0).reason()).isEqualTo(Outcome.Reason.OUT_OF_STOCK);
        assertThat(units(product)).containsExactly(1L, 4L);
        assertThat(reads.get()).isEqualTo(1);
        assertThat(batch.answered()).isEqualTo(new ApplyOrderEvent.Answered(3, null));
        assertThat(answers).containsExactly(first + " RESERVED", second + " RESERVED", third + " RESERVED");
    }

    @Test
    void aBatchWithMoreKeysThanOneBatchGetItemTakesIsReadInFull() {
        List<OrderSnapshot> orders = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            orders.add(created(id(), product(1), 1));
        }

        var batch = apply.batch(orders);
        List<LineStatus> decided = orders.stream()
                .map(order -> batch.apply(order).outcome().lines().get(0).status())
                .distinct()
                .toList();

        assertThat(decided).containsExactly(LineStatus.EXECUTED);
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void stockTakenByAnotherOrderAfterTheBatchReadFailsTheConditionAndTheEventIsDecidedOnAFreshRead() {
        String product = product(5);
        String ours = id();
        afterTheBatchRead.add(() -> competitor().apply(created(id(), product, 4)));

        var batch = apply.batch(List.of(created(ours, product, 3)));
        ReservationPlan plan = batch.apply(created(ours, product, 3));

        assertThat(plan.outcome().lines().get(0).status()).isEqualTo(LineStatus.CANCELED);
        assertThat(units(product)).containsExactly(1L, 4L);
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void laterEventsOfAProductWhoseConditionFailedAreDecidedOnFreshReadsToo() {
        String product = product(6);
        String first = id(), second = id();
        afterTheBatchRead.add(() -> competitor().apply(created(id(), product, 3)));

        var batch = apply.batch(List.of(created(first, product, 4), created(second, product, 3)));
        List<LineStatus> decided =
                List.of(batch.apply(created(first, product, 4)), batch.apply(created(second, product, 3))).stream()
                        .map(plan -> plan.outcome().lines().get(0).status())
                        .toList();

        assertThat(decided).containsExactly(LineStatus.CANCELED, LineStatus.EXECUTED);
        assertThat(units(product)).containsExactly(0L, 6L);
        assertThat(reads.get()).isEqualTo(3);
    }

    @Test
    void anOrderPlacedAndCanceledInOneBatchHoldsNothingAfterIt() {
        String product = product(5);
        String order = id();

        var batch = apply.batch(List.of(created(order, product, 2), canceled(order, product, 2)));
        batch.apply(created(order, product, 2));
        ReservationPlan release = batch.apply(canceled(order, product, 2));

        assertThat(release.outcome().action()).isEqualTo(Outcome.Action.RELEASED);
        assertThat(units(product)).containsExactly(5L, 0L);
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventInTheBatchWritesNothingAndAnswersAgainWithTheStoredAnswer() {
        String product = product(5);
        String order = id();
        apply.apply(created(order, product, 2));
        answers.clear();

        var batch = apply.batch(List.of(created(order, product, 2)));
        ReservationPlan again = batch.apply(created(order, product, 2));

        assertThat(again.duplicate()).isTrue();
        assertThat(units(product)).containsExactly(3L, 2L);
        assertThat(batch.answered().events()).isEqualTo(1);
        assertThat(answers).containsExactly(order + " RESERVED");
    }

    @Test
    void anUpdateThatOnlyRecordsTheAnswerWritesNothingAndLaterChangesStillApplyExactly() {
        String product = product(5);
        String order = id();
        apply.apply(created(order, product, 2));
        int writesBefore = writes.get();
        var confirmed = new OrderSnapshot(
                order,
                2,
                OrderSnapshot.Status.CONFIRMED,
                List.of(new OrderSnapshot.Line(product, 2, LineStatus.EXECUTED)));
        var paid = new OrderSnapshot(
                order, 3, OrderSnapshot.Status.PAID, List.of(new OrderSnapshot.Line(product, 2, LineStatus.EXECUTED)));

        var batch = apply.batch(List.of(confirmed, paid));
        batch.apply(confirmed);
        batch.apply(paid);
        ReservationPlan moreUnits = apply.apply(new OrderSnapshot(
                order,
                4,
                OrderSnapshot.Status.PENDING,
                List.of(new OrderSnapshot.Line(product, 3, LineStatus.PENDING))));

        assertThat(writes.get() - writesBefore)
                .as("only the change of quantity is written")
                .isEqualTo(1);
        assertThat(moreUnits.outcome().lines())
                .extracting(Outcome.Decision::status)
                .containsExactly(LineStatus.EXECUTED);
        assertThat(units(product)).containsExactly(2L, 3L);
        assertThat(apply.apply(paid).duplicate())
                .as("an older version redelivered later")
                .isTrue();
        assertThat(units(product)).containsExactly(2L, 3L);
    }

    @Test
    void anAnswerTheBrokerDidNotAcknowledgeIsWhereTheBatchStops() {
        String product = product(5);
        String first = id(), second = id(), third = id();
        var failing = new ApplyOrderEvent(
                stock, new RecordedAnswers(second), Clock.systemUTC(), ContentionRetry.DEFAULT::untilDone);

        var batch = failing.batch(
                List.of(created(first, product, 1), created(second, product, 1), created(third, product, 1)));
        List.of(first, second, third).forEach(order -> batch.apply(created(order, product, 1)));
        ApplyOrderEvent.Answered answered = batch.answered();

        assertThat(answered.events()).isEqualTo(1);
        assertThat(answered.failure()).hasMessage("Kafka did not acknowledge");
    }

    private ApplyOrderEvent competitor() {
        return new ApplyOrderEvent(
                stored, new RecordedAnswers(null), Clock.systemUTC(), ContentionRetry.DEFAULT::untilDone);
    }

    private static OrderSnapshot created(String order, String product, int quantity) {
        return new OrderSnapshot(
                order,
                1,
                OrderSnapshot.Status.PENDING,
                List.of(new OrderSnapshot.Line(product, quantity, LineStatus.PENDING)));
    }

    private static OrderSnapshot canceled(String order, String product, int quantity) {
        return new OrderSnapshot(
                order,
                2,
                OrderSnapshot.Status.CANCELED,
                List.of(new OrderSnapshot.Line(product, quantity, LineStatus.CANCELED)));
    }

    private static String product(long units) {
        String id = "sku-" + UUID.randomUUID();
        stored.add(new NewProduct(id, "batch test", units, 0L), 0, Instant.now());
        return id;
    }

    private static List<Long> units(String product) {
        Product now = stored.find(product).orElseThrow();
        return List.of(now.available(), now.reserved());
    }

    private static String id() {
        return "ord-" + UUID.randomUUID();
    }

    /** Answers noted in order; the broker never acknowledges the one about {@code unacknowledged}. */
    private final class RecordedAnswers implements InventoryEvents {

        private final String unacknowledged;

        RecordedAnswers(String unacknowledged) {
            this.unacknowledged = unacknowledged;
        }

        @Override
        public Sent outcome(String orderId, Outcome outcome) {
            answers.add(orderId + " " + outcome.action());
            if (orderId.equals(unacknowledged)) {
                return () -> {
                    throw new IllegalStateException("Kafka did not acknowledge");
                };
            }
            return () -> {};
        }

        @Override
        public void alert(StockChange change, StockAlerts.Alert alert) {
            throw new UnsupportedOperationException("no alerts here");
        }
    }

    /** The stored stock, counting reads, and letting another writer in right after a batch's read. */
    private final class CountingStock implements Stock {

        @Override
        public Holdings read(Collection<String> orderIds, Collection<String> productIds) {
            reads.incrementAndGet();
            Holdings read = stored.read(orderIds, productIds);
            List<Runnable> others = List.copyOf(afterTheBatchRead);
            afterTheBatchRead.clear();
            others.forEach(Runnable::run);
            return read;
        }

        @Override
        public boolean apply(ReservationPlan plan, long expectedVersion, Instant now) {
            writes.incrementAndGet();
            return stored.apply(plan, expectedVersion, now);
        }

        @Override
        public Product add(NewProduct product, long lowStockThreshold, Instant now) {
            return stored.add(product, lowStockThreshold, now);
        }

        @Override
        public Optional<Product> find(String productId) {
            return stored.find(productId);
        }

        @Override
        public ProductPage list(int limit, String cursor) {
            return stored.list(limit, cursor);
        }

        @Override
        public Product restock(String productId, long quantity, Instant now) {
            return stored.restock(productId, quantity, now);
        }

        @Override
        public Product change(String productId, ProductChange change, Instant now) {
            return stored.change(productId, change, now);
        }
    }
}
