package dev.orderflow.order.domain;

import static dev.orderflow.order.domain.OrderFixtures.T1;
import static dev.orderflow.order.domain.OrderFixtures.anOrderWith;
import static dev.orderflow.order.domain.OrderFixtures.executed;
import static dev.orderflow.order.domain.OrderFixtures.outOfStock;
import static dev.orderflow.order.domain.OrderFixtures.statusChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentHoldTest {

    @Test
    void aConfirmedOrderNotPaidExpiresAndEveryExecutedLineGivesItsStockBack() {
        Order confirmed = anOrderWith(OrderStatus.PARTIALLY_CONFIRMED, executed("sku-1", 2), outOfStock("sku-2", 1));

        Order expired = confirmed.expireUnpaid(T1);

        assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(expired.version()).isEqualTo(confirmed.version() + 1);
        assertThat(expired.orderItems()).extracting(OrderLine::status).containsOnly(LineStatus.CANCELED);
        assertThat(expired.orderItems().get(0).reason()).isEqualTo(OrderLine.PAYMENT_TIMEOUT);
        assertThat(expired.orderItems().get(1).reason())
                .as("already cancelled for its own reason")
                .isEqualTo("OUT_OF_STOCK");
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"CONFIRMED", "PARTIALLY_CONFIRMED"},
            mode = EnumSource.Mode.EXCLUDE)
    void onlyAnOrderWaitingForPaymentCanExpire(OrderStatus status) {
        Order order = anOrderWith(status, executed("sku-1", 2));

        assertThat(order.expireUnpaid(T1)).isSameAs(order);
    }

    @Test
    void anExpiredOrderCannotBePaidCancelledOrChanged() {
        Order expired = anOrderWith(OrderStatus.CONFIRMED, executed("sku-1", 2)).expireUnpaid(T1);

        assertThatThrownBy(() -> expired.apply(statusChange(OrderStatus.PAID), T1))
                .isInstanceOf(TransitionForbidden.class)
                .hasMessageContaining("was not paid within the payment hold");
        assertThatThrownBy(() -> expired.apply(statusChange(OrderStatus.CANCELED), T1))
                .isInstanceOf(TransitionForbidden.class);
        assertThatThrownBy(() -> expired.apply(OrderFixtures.lineChanges(OrderFixtures.quantity("sku-1", 1)), T1))
                .isInstanceOf(TransitionForbidden.class);
        assertThat(expired.applyAnswer(expired.version(), List.of(), T1)).isSameAs(expired);
    }

    @Test
    void theHoldCountsFromTheFirstConfirmationWhateverChangesAfterIt() {
        Instant t2 = T1.plusSeconds(50);
        Instant t3 = T1.plusSeconds(100);
        Order placed = OrderFixtures.aPendingOrder();
        Order confirmed = placed.applyAnswer(
                placed.version(),
                List.of(new InventoryAnswer("sku-1", 2, true, null), new InventoryAnswer("sku-2", 1, true, null)),
                T1);
        // the attack: the quantity changed down and back, each change answered by Inventory
        Order changed = confirmed.apply(OrderFixtures.lineChanges(OrderFixtures.quantity("sku-1", 1)), t2);
        Order reconfirmed =
                changed.applyAnswer(changed.version(), List.of(new InventoryAnswer("sku-1", 1, true, null)), t3);

        assertThat(placed.confirmedAt()).isNull();
        assertThat(confirmed.confirmedAt()).isEqualTo(T1);
        assertThat(changed.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(changed.confirmedAt()).isEqualTo(T1);
        assertThat(changed.awaitsPayment())
                .as("its unchanged line still holds stock for a payment")
                .isTrue();
        assertThat(reconfirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(reconfirmed.confirmedAt())
                .as("re-confirmation does not restart the hold")
                .isEqualTo(T1);
        assertThat(reconfirmed.updatedAt()).isEqualTo(t3);
    }

    @Test
    void anOrderPendingAgainAfterItsConfirmationExpiresWithEveryLine() {
        Order confirmed = anOrderWith(OrderStatus.CONFIRMED, executed("sku-1", 2), executed("sku-2", 1));
        Order changed = confirmed.apply(OrderFixtures.lineChanges(OrderFixtures.quantity("sku-2", 3)), T1);

        Order expired = changed.expireUnpaid(T1.plusSeconds(1));

        assertThat(expired.status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(expired.orderItems()).allSatisfy(line -> {
            assertThat(line.status()).isEqualTo(LineStatus.CANCELED);
            assertThat(line.reason()).isEqualTo(OrderLine.PAYMENT_TIMEOUT);
        });
        assertThat(expired.awaitsPayment()).isFalse();
        Order neverConfirmed = OrderFixtures.aPendingOrder();
        assertThat(neverConfirmed.expireUnpaid(T1))
                .as("never confirmed: nothing to pay yet")
                .isSameAs(neverConfirmed);
    }

    @Test
    void aClientCannotExpireAnOrder() {
        Order confirmed = anOrderWith(OrderStatus.CONFIRMED, executed("sku-1", 2));

        assertThatThrownBy(() -> confirmed.apply(statusChange(OrderStatus.EXPIRED), T1))
                .isInstanceOf(TransitionForbidden.class)
                .hasMessageContaining("clients cannot set it");
    }
}
