package dev.orderflow.order.domain;

import static dev.orderflow.order.domain.OrderFixtures.T1;
import static dev.orderflow.order.domain.OrderFixtures.aPendingOrder;
import static dev.orderflow.order.domain.OrderFixtures.anOrderWith;
import static dev.orderflow.order.domain.OrderFixtures.executed;
import static dev.orderflow.order.domain.OrderFixtures.outOfStock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What an order holds for its customer, and the limits on what one customer may hold. */
class CustomerLimitsTest {

    private final CustomerLimits limits = new CustomerLimits(2, 5);

    @Test
    void anOpenOrderHoldsItselfAndTheUnitsOfItsLinesNotCancelled() {
        Order order = anOrderWith(OrderStatus.PARTIALLY_CONFIRMED, executed("sku-1", 2), outOfStock("sku-2", 3));

        assertThat(order.holding()).isEqualTo(new Holding(1, Map.of("sku-1", 2)));
        assertThat(aPendingOrder().holding()).isEqualTo(new Holding(1, Map.of("sku-1", 2, "sku-2", 1)));
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PAID", "SHIPPED", "DELIVERED", "CANCELED", "REJECTED", "EXPIRED"})
    void aPaidOrFinalOrderHoldsNothing(OrderStatus status) {
        assertThat(anOrderWith(status, executed("sku-1", 2)).holding()).isEqualTo(Holding.NONE);
    }

    @Test
    void aChangeAddsWhatItsOrderHoldsAfterMinusBefore() {
        Order confirmed = anOrderWith(OrderStatus.CONFIRMED, executed("sku-1", 2), executed("sku-2", 1));
        Order raised = confirmed.apply(OrderFixtures.lineChanges(OrderFixtures.quantity("sku-1", 4)), T1);
        Order canceled = confirmed.apply(OrderFixtures.statusChange(OrderStatus.CANCELED), T1);

        assertThat(raised.holding().minus(confirmed.holding())).isEqualTo(new Holding(0, Map.of("sku-1", 2)));
        assertThat(canceled.holding().minus(confirmed.holding()))
                .isEqualTo(new Holding(-1, Map.of("sku-1", -2, "sku-2", -1)));
    }

    @Test
    void sayWhichLimitAChangeReaches() {
        Holding held = new Holding(2, Map.of("sku-1", 4));

        assertThat(limits.reached(held, new Holding(1, Map.of("sku-9", 1))))
                .hasMessageContaining("at most 2 open unpaid orders");
        assertThat(limits.reached(new Holding(1, Map.of("sku-1", 4)), new Holding(1, Map.of("sku-1", 2))))
                .hasMessageContaining("at most 5 units of one product")
                .hasMessageContaining("sku-1: 4 held, 2 more asked");
        assertThat(limits.reached(held, new Holding(-1, Map.of("sku-1", -4))))
                .as("giving back is never refused")
                .isNull();
        assertThatThrownBy(() -> limits.checkAlone(new Holding(1, Map.of("sku-3", 6))))
                .isInstanceOf(LimitReached.class)
                .hasMessageContaining("sku-3: 0 held, 6 more asked");
    }

    @Test
    void theBackOfficeIsNotLimited() {
        assertThat(limits.of(Requester.backOffice("support"))).isEqualTo(CustomerLimits.NONE);
        assertThat(limits.of(Requester.customer("alice"))).isEqualTo(limits);
        assertThat(CustomerLimits.NONE.limited()).isFalse();
    }
}
