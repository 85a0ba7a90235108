package dev.orderflow.order.domain;

import static dev.orderflow.order.domain.OrderFixtures.T1;
import static dev.orderflow.order.domain.OrderFixtures.aPendingOrder;
import static dev.orderflow.order.domain.OrderFixtures.lineChanges;
import static dev.orderflow.order.domain.OrderFixtures.quantity;
import static dev.orderflow.order.domain.OrderFixtures.statusChange;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrderInventoryAnswerTest {

    private final Order pending = aPendingOrder(); // sku-1 x2, sku-2 x1, version 1

    @Test
    void executedAndCancelledLinesDecideTheOrderStatus() {
        Order answered = pending.applyAnswer(1, List.of(executed("sku-1", 2), outOfStock("sku-2", 1)), T1);

        assertThat(answered.status()).isEqualTo(OrderStatus.PARTIALLY_CONFIRMED);
        assertThat(answered.orderItems())
                .extracting(OrderLine::status)
                .containsExactly(LineStatus.EXECUTED, LineStatus.CANCELED);
        assertThat(answered.orderItems().get(1).reason()).isEqualTo("OUT_OF_STOCK");
        assertThat(answered.version()).isEqualTo(2);
    }

    @Test
    void allLinesExecutedConfirmsAndNoneRejects() {
        assertThat(pending.applyAnswer(1, List.of(executed("sku-1", 2), executed("sku-2", 1)), T1)
                        .status())
                .isEqualTo(OrderStatus.CONFIRMED);
        assertThat(pending.applyAnswer(1, List.of(outOfStock("sku-1", 2), outOfStock("sku-2", 1)), T1)
                        .status())
                .isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void theFirstDecisionIsKnownWhateverChangedBeforeItAndOnlyOnce() {
        Order placed = aPendingOrder();
        // the customer changes a line before Inventory first answers: the first decision is version 3, not 2
        Order changed = placed.apply(lineChanges(quantity("sku-1", 3)), T1);
        Order confirmed = changed.applyAnswer(
                changed.version(),
                List.of(new InventoryAnswer("sku-1", 3, true, null), new InventoryAnswer("sku-2", 1, true, null)),
                T1.plusSeconds(1));
        Order changedAgain = confirmed.apply(lineChanges(quantity("sku-1", 2)), T1.plusSeconds(2));
        Order reconfirmed = changedAgain.applyAnswer(
                changedAgain.version(), List.of(new InventoryAnswer("sku-1", 2, true, null)), T1.plusSeconds(3));
        Order rejected = placed.applyAnswer(
                placed.version(),
                List.of(
                        new InventoryAnswer("sku-1", 2, false, "OUT_OF_STOCK"),
                        new InventoryAnswer("sku-2", 1, false, "OUT_OF_STOCK")),
                T1);

        assertThat(confirmed.version()).isEqualTo(3);
        assertThat(confirmed.decidedForTheFirstTime()).isTrue();
        assertThat(reconfirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(reconfirmed.decidedForTheFirstTime())
                .as("confirmed again, not first")
                .isFalse();
        assertThat(rejected.decidedForTheFirstTime()).isTrue();
        assertThat(changed.decidedForTheFirstTime()).as("PENDING: not decided").isFalse();
    }

    @Test
    void theSameAnswerTwiceChangesNothingTheSecondTime() {
        Order once = pending.applyAnswer(1, List.of(executed("sku-1", 2), executed("sku-2", 1)), T1);

        assertThat(once.applyAnswer(1, List.of(executed("sku-1", 2), executed("sku-2", 1)), T1))
                .isSameAs(once);
    }

    @Test
    void anAnswerAboutAnOlderVersionOfALineIsIgnored() {
        Order changed = pending.apply(lineChanges(quantity("sku-1", 5)), T1); // sku-1 pending again since version 2

        Order answered = changed.applyAnswer(1, List.of(executed("sku-1", 2), executed("sku-2", 1)), T1);

        assertThat(answered.orderItems().get(0).status()).isEqualTo(LineStatus.PENDING);
        assertThat(answered.orderItems().get(1).status()).isEqualTo(LineStatus.EXECUTED);
        assertThat(answered.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void anAnswerForACancelledOrderIsIgnored() {
        Order canceled = pending.apply(statusChange(OrderStatus.CANCELED), T1);

        assertThat(canceled.applyAnswer(1, List.of(executed("sku-1", 2)), T1)).isSameAs(canceled);
    }

    @Test
    void timingOutCancelsThePendingLinesOnly() {
        Order half = pending.applyAnswer(1, List.of(executed("sku-1", 2)), T1);

        Order timedOut = half.timeOutPendingLines(T1);

        assertThat(timedOut.orderItems().get(1).reason()).isEqualTo(OrderLine.INVENTORY_TIMEOUT);
        assertThat(timedOut.status()).isEqualTo(OrderStatus.PARTIALLY_CONFIRMED);
    }

    private static InventoryAnswer executed(String product, int quantity) {
        return new InventoryAnswer(product, quantity, true, null);
    }

    private static InventoryAnswer outOfStock(String product, int quantity) {
        return new InventoryAnswer(product, quantity, false, "OUT_OF_STOCK");
    }
}
