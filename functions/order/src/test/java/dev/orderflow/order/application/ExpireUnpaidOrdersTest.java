package dev.orderflow.order.application;

import static dev.orderflow.order.domain.OrderFixtures.T0;
import static dev.orderflow.order.domain.OrderFixtures.statusChange;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.contracts.TraceContext;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.InventoryAnswer;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.Requester;
import dev.orderflow.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The payment hold, on an in-memory store: a confirmed order not paid within it expires; one paid in time does not. */
class ExpireUnpaidOrdersTest {

    private static final TraceContext CAUSE =
            new TraceContext("req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    private static final Duration HOLD = Duration.ofHours(1);

    private final InMemoryOrders orders = new InMemoryOrders();
    private final AtomicInteger ids = new AtomicInteger();
    private final TestClock clock = new TestClock(T0);
    private final OrderEvents events =
            new OrderEvents("order-events", () -> "evt-" + ids.incrementAndGet(), () -> CAUSE);
    private final ExpireUnpaidOrders expire = new ExpireUnpaidOrders(orders, events, clock, HOLD);

    @Test
    void aConfirmedOrderNotPaidWithinTheHoldExpiresAndOneConfirmedLaterWaits() {
        String early = confirmed("ord-early");
        clock.advance(Duration.ofMinutes(30));
        String late = confirmed("ord-late");
        clock.advance(Duration.ofMinutes(31));

        assertThat(expire.run(10)).isEqualTo(1);

        assertThat(orders.find(early)).map(Order::status).contains(OrderStatus.EXPIRED);
        assertThat(orders.find(late)).map(Order::status).contains(OrderStatus.CONFIRMED);
        assertThat(orders.holdingOf("user-1").orders())
                .as("the expired order gives its share back")
                .isEqualTo(1);
    }

    @Test
    void anOrderPaidInTimeNeverExpires() {
        String paid = confirmed("ord-paid");
        new UpdateOrder(orders, events, clock, CustomerLimits.NONE)
                .update(Requester.backOffice("back-office"), paid, statusChange(OrderStatus.PAID));
        clock.advance(HOLD.plusMinutes(1));

        assertThat(expire.run(10)).isZero();
        assertThat(orders.find(paid)).map(Order::status).contains(OrderStatus.PAID);
    }

    @Test
    void noHoldMeansNothingExpires() {
        confirmed("ord-1");
        clock.advance(Duration.ofDays(1));

        assertThat(new ExpireUnpaidOrders(orders, events, clock, Duration.ZERO).run(10))
                .isZero();
    }

    @Test
    void oneRunExpiresAtMostItsLimit() {
        confirmed("ord-1");
        confirmed("ord-2");
        clock.advance(HOLD.plusMinutes(1));

        assertThat(expire.run(1)).isEqualTo(1);
        assertThat(expire.run(1)).isEqualTo(1);
        assertThat(expire.run(1)).isZero();
    }

    /** Placed and confirmed by Inventory's answer now; its id. */
    private String confirmed(String orderId) {
        Order placed = new PlaceOrder(orders, events, clock, () -> orderId, CustomerLimits.NONE)
                .place(
                        Requester.customer("user-1"),
                        new NewOrder("user-1", List.of(new NewOrder.NewLine("sku-1", 1))),
                        null)
                .order();
        Order confirmed = placed.applyAnswer(
                placed.version(), List.of(new InventoryAnswer("sku-1", 1, true, null)), clock.instant());
        orders.update(placed, confirmed, events.updated(confirmed, placed.status(), ChangedBy.INVENTORY));
        return orderId;
    }
}
