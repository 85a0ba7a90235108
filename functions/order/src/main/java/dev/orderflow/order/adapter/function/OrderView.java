package dev.orderflow.order.adapter.function;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orderflow.order.application.OrderPage;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderLine;
import java.time.Instant;
import java.util.List;

/** The order as the API shows it. */
record OrderView(
        String orderId,
        String userId,
        String status,
        List<LineView> orderItems,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** A line; {@code reason} appears only on cancelled lines. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineView(String productId, int quantity, String status, String reason) {}

    /** A page of the listing. */
    record PageView(List<OrderView> orders, String nextCursor) {

        static PageView of(OrderPage page) {
            return new PageView(page.orders().stream().map(OrderView::of).toList(), page.nextCursor());
        }
    }

    static LineView line(OrderLine line) {
        return new LineView(line.productId(), line.quantity(), line.status().name(), line.reason());
    }

    static OrderView of(Order order) {
        return new OrderView(
                order.orderId(),
                order.userId(),
                order.status().name(),
                order.orderItems().stream().map(OrderView::line).toList(),
                order.createdAt(),
                order.updatedAt(),
                order.version());
    }
}
