package dev.orderflow.order.domain;

import static dev.orderflow.order.domain.OrderFixtures.T1;
import static dev.orderflow.order.domain.OrderFixtures.aPendingOrder;
import static dev.orderflow.order.domain.OrderFixtures.anOrderWith;
import static dev.orderflow.order.domain.OrderFixtures.executed;
import static dev.orderflow.order.domain.OrderFixtures.statusChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStateMachineTest {

    @Test
    void placedOrderIsPendingWithEveryLinePendingAtVersionOne() {
        Order order = aPendingOrder();

        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.orderItems()).extracting(OrderLine::status).containsOnly(LineStatus.PENDING);
        assertThat(order.version()).isEqualTo(1);
        assertThat(order.createdAt()).isEqualTo(order.updatedAt());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CONFIRMED, PAID", "PARTIALLY_CONFIRMED, PAID", "PAID, SHIPPED", "SHIPPED, DELIVERED",
        "PENDING, CANCELED", "CONFIRMED, CANCELED", "PARTIALLY_CONFIRMED, CANCELED", "PAID, CANCELED"
    })
    void clientMovesOrderAlongTheLifecycle(OrderStatus from, OrderStatus to) {
        Order order = anOrderWith(from, executed("sku-1", 1));

        Order moved = order.apply(statusChange(to), T1);

        assertThat(moved.status()).isEqualTo(to);
        assertThat(moved.version()).isEqualTo(order.version() + 1);
        assertThat(moved.updatedAt()).isEqualTo(T1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "PENDING, PAID",
        "CONFIRMED, SHIPPED",
        "PAID, DELIVERED",
        "SHIPPED, CANCELED",
        "DELIVERED, CANCELED",
        "REJECTED, PAID",
        "REJECTED, CANCELED",
        "CANCELED, PAID",
        "DELIVERED, SHIPPED"
    })
    void refusesTransitionsTheStateMachineForbids(OrderStatus from, OrderStatus to) {
        Order order = anOrderWith(from, executed("sku-1", 1));

        assertThatThrownBy(() -> order.apply(statusChange(to), T1))
                .isInstanceOf(TransitionForbidden.class)
                .hasMessageContaining(from.name())
                .hasMessageContaining(to.name());
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"CONFIRMED", "PARTIALLY_CONFIRMED", "REJECTED"})
    void clientsCannotSetStatusesThatFollowFromInventoryOutcomes(OrderStatus target) {
        assertThatThrownBy(() -> aPendingOrder().apply(statusChange(target), T1))
                .isInstanceOf(TransitionForbidden.class)
                .hasMessageContaining("inventory outcomes");
    }

    @Test
    void askingForTheCurrentStatusChangesNothing() {
        Order order = anOrderWith(OrderStatus.PAID, executed("sku-1", 1));

        assertThat(order.apply(statusChange(OrderStatus.PAID), T1)).isSameAs(order);
    }

    @Test
    void cancellingAnOrderCancelsEveryLineThatIsNotCancelledYet() {
        Order order = anOrderWith(
                OrderStatus.PARTIALLY_CONFIRMED, executed("sku-1", 2), OrderFixtures.outOfStock("sku-2", 1));

        Order canceled = order.apply(statusChange(OrderStatus.CANCELED), T1);

        assertThat(canceled.orderItems()).extracting(OrderLine::status).containsOnly(LineStatus.CANCELED);
        assertThat(canceled.orderItems())
                .extracting(OrderLine::reason)
                .containsExactly(OrderLine.ORDER_CANCELED, "OUT_OF_STOCK");
    }
}
