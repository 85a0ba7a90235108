package dev.orderflow.order.domain;

import static dev.orderflow.order.domain.OrderFixtures.T1;
import static dev.orderflow.order.domain.OrderFixtures.anOrderWith;
import static dev.orderflow.order.domain.OrderFixtures.cancel;
import static dev.orderflow.order.domain.OrderFixtures.executed;
import static dev.orderflow.order.domain.OrderFixtures.lineChanges;
import static dev.orderflow.order.domain.OrderFixtures.outOfStock;
import static dev.orderflow.order.domain.OrderFixtures.quantity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderLineChangesTest {

    private final Order confirmed = anOrderWith(OrderStatus.CONFIRMED, executed("sku-1", 2), executed("sku-2", 1));

    @Test
    void changedQuantityWaitsForInventoryAgain() {
        Order changed = confirmed.apply(lineChanges(quantity("sku-1", 5)), T1);

        assertThat(changed.orderItems().get(0)).isEqualTo(OrderLine.pending("sku-1", 5, confirmed.version() + 1));
        assertThat(changed.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(changed.version()).isEqualTo(confirmed.version() + 1);
    }

    @Test
    void addedProductBecomesAPendingLine() {
        Order changed = confirmed.apply(lineChanges(quantity("sku-3", 4)), T1);

        assertThat(changed.orderItems())
                .hasSize(3)
                .last()
                .isEqualTo(OrderLine.pending("sku-3", 4, confirmed.version() + 1));
        assertThat(changed.status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void cancellingOneOfTwoExecutedLinesKeepsTheOrderConfirmed() {
        Order changed = confirmed.apply(lineChanges(cancel("sku-2")), T1);

        assertThat(changed.orderItems().get(1).status()).isEqualTo(LineStatus.CANCELED);
        assertThat(changed.orderItems().get(1).reason()).isEqualTo(OrderLine.CANCELED_BY_CUSTOMER);
        assertThat(changed.status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void cancellingEveryLineCancelsTheOrder() {
        Order changed = confirmed.apply(lineChanges(cancel("sku-1"), cancel("sku-2")), T1);

        assertThat(changed.status()).isEqualTo(OrderStatus.CANCELED);
    }

    @Test
    void clientsCannotExecuteALine() {
        var execute = new OrderChange.LineChange("sku-1", null, LineStatus.EXECUTED);

        assertThatThrownBy(() -> OrderFixtures.aPendingOrder().apply(lineChanges(execute), T1))
                .isInstanceOf(TransitionForbidden.class)
                .hasMessageContaining("orderItems[0].status");
    }

    @Test
    void theSpecificationsBodyStatusWithTheLinesAsReadPaysTheOrder() {
        // PUT /oms/orders/{id} as the product's specification writes it: the status and the order's lines, echoed
        var body = new OrderChange(
                OrderStatus.PAID,
                List.of(
                        new OrderChange.LineChange("sku-1", 2, LineStatus.EXECUTED),
                        new OrderChange.LineChange("sku-2", 1, LineStatus.EXECUTED)));

        Order paid = confirmed.apply(body, T1);

        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.orderItems()).isEqualTo(confirmed.orderItems());
        assertThat(paid.version()).isEqualTo(confirmed.version() + 1);
    }

    @Test
    void linesAndAStatusApplyTogetherAsOneVersionLinesFirst() {
        var body = new OrderChange(OrderStatus.CANCELED, List.of(quantity("sku-1", 5)));

        Order canceled = confirmed.apply(body, T1);

        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.orderItems()).extracting(OrderLine::status).containsOnly(LineStatus.CANCELED);
        assertThat(canceled.version()).isEqualTo(confirmed.version() + 1);
    }

    @Test
    void aStatusThatCannotFollowTheLineChangesRefusesTheWholeChangeSayingWhy() {
        var body = new OrderChange(OrderStatus.PAID, List.of(quantity("sku-1", 5)));

        assertThatThrownBy(() -> confirmed.apply(body, T1))
                .isInstanceOf(TransitionForbidden.class)
                .hasMessageContaining(
                        "status PAID cannot follow these line changes, which leave the order PENDING until Inventory answers");
        assertThatThrownBy(() -> confirmed.apply(
                        new OrderChange(null, List.of(new OrderChange.LineChange("sku-1", 5, LineStatus.CANCELED))),
                        T1))
                .isInstanceOf(TransitionForbidden.class)
                .hasMessageContaining("either cancelled or given a new quantity");
    }

    @Test
    void linesOfAPaidOrderCannotChange() {
        Order paid = anOrderWith(OrderStatus.PAID, executed("sku-1", 2));

        assertThatThrownBy(() -> paid.apply(lineChanges(quantity("sku-1", 1)), T1))
                .isInstanceOf(TransitionForbidden.class);
    }

    @Test
    void addingAProductNeedsAQuantity() {
        assertThatThrownBy(() -> confirmed.apply(lineChanges(cancel("sku-9")), T1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("orderItems[0].quantity");
    }

    @Test
    void sameQuantityChangesNothing() {
        assertThat(confirmed.apply(lineChanges(quantity("sku-1", 2)), T1)).isSameAs(confirmed);
    }

    @Test
    void orderCannotGrowBeyondFiftyLines() {
        var lines = new ArrayList<OrderLine>();
        for (int i = 0; i < Limits.MAX_LINES; i++) {
            lines.add(executed("sku-" + i, 1));
        }
        Order full = new Order(
                "ord-1",
                "user-1",
                OrderStatus.CONFIRMED,
                lines,
                OrderFixtures.T0,
                OrderFixtures.T0,
                OrderFixtures.T0,
                1);

        assertThatThrownBy(() -> full.apply(lineChanges(quantity("sku-new", 1)), T1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("orderItems");
    }

    @Test
    void statusFollowsFromTheLines() {
        assertThat(Order.deriveStatus(List.of(executed("a", 1), OrderLine.pending("b", 1, 1))))
                .isEqualTo(OrderStatus.PENDING);
        assertThat(Order.deriveStatus(List.of(executed("a", 1), executed("b", 1))))
                .isEqualTo(OrderStatus.CONFIRMED);
        assertThat(Order.deriveStatus(List.of(executed("a", 1), outOfStock("b", 1))))
                .isEqualTo(OrderStatus.PARTIALLY_CONFIRMED);
        assertThat(Order.deriveStatus(List.of(outOfStock("a", 1), outOfStock("b", 1))))
                .isEqualTo(OrderStatus.REJECTED);
    }
}
