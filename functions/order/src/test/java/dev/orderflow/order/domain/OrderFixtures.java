package dev.orderflow.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builders for orders in any state, for tests that read as specifications. */
public final class OrderFixtures {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    public static final Instant T1 = Instant.parse("2026-11-26T10:05:00Z");

    private OrderFixtures() {}

    public static NewOrder aNewOrder(String... productIdsAndQuantities) {
        List<NewOrder.NewLine> lines = new ArrayList<>();
        for (int i = 0; i < productIdsAndQuantities.length; i += 2) {
            lines.add(
                    new NewOrder.NewLine(productIdsAndQuantities[i], Integer.parseInt(productIdsAndQuantities[i + 1])));
        }
        return new NewOrder("user-1", lines);
    }

    public static Order aPendingOrder() {
        return Order.place("ord-1", aNewOrder("sku-1", "2", "sku-2", "1"), T0);
    }

    public static Order anOrderWith(OrderStatus status, OrderLine... lines) {
        return new Order(
                "ord-1", "user-1", status, Arrays.asList(lines), T0, T0, status.awaitsPayment() ? T0 : null, 4);
    }

    public static OrderLine executed(String productId, int quantity) {
        return new OrderLine(productId, quantity, LineStatus.EXECUTED, null, 1);
    }

    public static OrderLine outOfStock(String productId, int quantity) {
        return new OrderLine(productId, quantity, LineStatus.CANCELED, "OUT_OF_STOCK", 1);
    }

    public static OrderChange statusChange(OrderStatus status) {
        return new OrderChange(status, null);
    }

    public static OrderChange lineChanges(OrderChange.LineChange... changes) {
        return new OrderChange(null, List.of(changes));
    }

    public static OrderChange.LineChange quantity(String productId, int quantity) {
        return new OrderChange.LineChange(productId, quantity, null);
    }

    public static OrderChange.LineChange cancel(String productId) {
        return new OrderChange.LineChange(productId, null, LineStatus.CANCELED);
    }
}
