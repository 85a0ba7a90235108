package dev.orderflow.order.application;

import static dev.orderflow.order.domain.OrderFixtures.T0;
import static dev.orderflow.order.domain.OrderFixtures.lineChanges;
import static dev.orderflow.order.domain.OrderFixtures.quantity;
import static dev.orderflow.order.domain.OrderFixtures.statusChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.contracts.OrderUpdated;
import dev.orderflow.contracts.TraceContext;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.Holding;
import dev.orderflow.order.domain.LimitReached;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.NotPermitted;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderNotFound;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.Requester;
import dev.orderflow.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Changing an order, on an in-memory store: only its customer or the back office, stored with its event, within the limits. */
class UpdateOrderTest {

    private static final TraceContext CAUSE =
            new TraceContext("req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    private static final CustomerLimits LIMITS = new CustomerLimits(10, 5);

    private final InMemoryOrders orders = new InMemoryOrders();
    private final AtomicInteger ids = new AtomicInteger();
    private final TestClock clock = new TestClock(T0);
    private final OrderEvents events =
            new OrderEvents("order-events", () -> "evt-" + ids.incrementAndGet(), () -> CAUSE);
    private final UpdateOrder update = new UpdateOrder(orders, events, clock, LIMITS);
    private final Order placed = new PlaceOrder(orders, events, clock, () -> "ord-1", LIMITS)
            .place(
                    Requester.customer("user-1"),
                    new NewOrder("user-1", List.of(new NewOrder.NewLine("sku-1", 2))),
                    null)
            .order();

    @Test
    void aCustomerCancelsTheirPendingOrderWhichGivesBackWhatItHeld() {
        clock.advance(Duration.ofMinutes(1));

        Order canceled = update.update(Requester.customer("user-1"), "ord-1", statusChange(OrderStatus.CANCELED));

        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(orders.find("ord-1")).contains(canceled);
        assertThat(orders.events())
                .last()
                .satisfies(event -> assertThat(event.type()).isEqualTo(OrderUpdated.TYPE));
        assertThat(orders.holdingOf("user-1")).isEqualTo(Holding.NONE);
    }

    @Test
    void anotherCustomersOrderIsNotFoundAndUnchanged() {
        assertThatThrownBy(
                        () -> update.update(Requester.customer("user-2"), "ord-1", statusChange(OrderStatus.CANCELED)))
                .isInstanceOf(OrderNotFound.class);
        assertThat(orders.find("ord-1")).contains(placed);
    }

    @Test
    void aCustomerMayNotMarkTheirOrderPaid() {
        assertThatThrownBy(() -> update.update(Requester.customer("user-1"), "ord-1", statusChange(OrderStatus.PAID)))
                .isInstanceOf(NotPermitted.class);
        assertThat(orders.events()).hasSize(1);
    }

    @Test
    void aLineChangeTakingTheCustomerOverTheUnitLimitIsRefusedAndNothingChanges() {
        assertThatThrownBy(
                        () -> update.update(Requester.customer("user-1"), "ord-1", lineChanges(quantity("sku-1", 6))))
                .isInstanceOf(LimitReached.class);
        assertThat(orders.find("ord-1")).contains(placed);
        assertThat(orders.holdingOf("user-1").units()).containsEntry("sku-1", 2);
    }

    @Test
    void aChangeToWhatTheOrderAlreadySaysWritesNothing() {
        Order same = update.update(Requester.customer("user-1"), "ord-1", lineChanges(quantity("sku-1", 2)));

        assertThat(same).isEqualTo(placed);
        assertThat(orders.events()).hasSize(1);
    }
}
