package dev.orderflow.order.application;

import static dev.orderflow.order.domain.OrderFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.contracts.OrderCreated;
import dev.orderflow.contracts.TraceContext;
import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.IdempotencyKeyReused;
import dev.orderflow.order.domain.LimitReached;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.Requester;
import dev.orderflow.testing.TestClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Placing an order, on an in-memory store: stored with its event, once per Idempotency-Key, within the customer's limits. */
class PlaceOrderTest {

    private static final TraceContext CAUSE =
            new TraceContext("req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    private final InMemoryOrders orders = new InMemoryOrders();
    private final AtomicInteger ids = new AtomicInteger();
    private final PlaceOrder place = new PlaceOrder(
            orders,
            new OrderEvents("order-events", () -> "evt-" + ids.incrementAndGet(), () -> CAUSE),
            new TestClock(T0),
            () -> "ord-" + ids.incrementAndGet(),
            new CustomerLimits(2, 5));

    @Test
    void aPlacedOrderIsStoredPendingWithItsCreatedEvent() {
        Orders.Placed placed = place.place(Requester.customer("user-1"), order("user-1", "sku-1", 2), null);

        assertThat(placed.replayed()).isFalse();
        assertThat(placed.order().status()).isEqualTo(OrderStatus.PENDING);
        assertThat(orders.find(placed.order().orderId())).contains(placed.order());
        assertThat(orders.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(OrderCreated.TYPE);
            assertThat(event.key()).isEqualTo(placed.order().orderId());
        });
    }

    @Test
    void theSameKeyAndRequestAgainReturnTheFirstOrderAndStoreNothingMore() {
        Orders.Placed first = place.place(Requester.customer("user-1"), order("user-1", "sku-1", 2), "key-1");
        Orders.Placed again = place.place(Requester.customer("user-1"), order("user-1", "sku-1", 2), "key-1");

        assertThat(again.replayed()).isTrue();
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(orders.events()).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndNothingIsStored() {
        place.place(Requester.customer("user-1"), order("user-1", "sku-1", 2), "key-1");

        assertThatThrownBy(() -> place.place(Requester.customer("user-1"), order("user-1", "sku-1", 3), "key-1"))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThat(orders.events()).hasSize(1);
    }

    @Test
    void twoCustomersUsingTheSameKeyEachGetTheirOwnOrder() {
        Orders.Placed mine = place.place(Requester.customer("user-1"), order("user-1", "sku-1", 1), "key-1");
        Orders.Placed theirs = place.place(Requester.customer("user-2"), order("user-2", "sku-1", 1), "key-1");

        assertThat(theirs.replayed()).isFalse();
        assertThat(theirs.order().orderId()).isNotEqualTo(mine.order().orderId());
    }

    @Test
    void aCustomerOverTheOpenOrderLimitIsRefusedButTheBackOfficeIsNot() {
        place.place(Requester.customer("user-1"), order("user-1", "sku-1", 1), null);
        place.place(Requester.customer("user-1"), order("user-1", "sku-2", 1), null);

        assertThatThrownBy(() -> place.place(Requester.customer("user-1"), order("user-1", "sku-3", 1), null))
                .isInstanceOf(LimitReached.class)
                .hasMessageContaining("at most 2 open unpaid orders");
        assertThat(orders.events()).hasSize(2);
        assertThat(place.place(Requester.backOffice("back-office"), order("user-1", "sku-3", 1), null)
                        .order()
                        .userId())
                .isEqualTo("user-1");
        assertThat(orders.holdingOf("user-1").orders())
                .as("what the back office places counts too")
                .isEqualTo(3);
    }

    @Test
    void moreUnitsOfOneProductThanTheLimitAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> place.place(Requester.customer("user-1"), order("user-1", "sku-1", 6), null))
                .isInstanceOf(LimitReached.class)
                .hasMessageContaining("product sku-1: 0 held, 6 more asked");
        assertThat(orders.events()).isEmpty();
    }

    private static NewOrder order(String userId, String productId, int quantity) {
        return new NewOrder(userId, List.of(new NewOrder.NewLine(productId, quantity)));
    }
}
