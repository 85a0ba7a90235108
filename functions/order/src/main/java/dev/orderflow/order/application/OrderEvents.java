package dev.orderflow.order.application;

import dev.orderflow.contracts.CloudEvent;
import dev.orderflow.contracts.EventRules;
import dev.orderflow.contracts.OrderCreated;
import dev.orderflow.contracts.OrderLineSnapshot;
import dev.orderflow.contracts.OrderUpdated;
import dev.orderflow.contracts.TraceContext;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns order changes into the events of the wire contract, each with the trace context of what caused it (the HTTP
 * request, the inventory answer, the scheduled run), as {@code causes} gives it.
 */
public final class OrderEvents {

    static final String SOURCE = EventRules.ORDER_MANAGEMENT;

    private final String topic;
    private final Supplier<String> ids;
    private final Supplier<TraceContext> causes;

    public OrderEvents(String topic, Supplier<String> ids, Supplier<TraceContext> causes) {
        this.topic = topic;
        this.ids = ids;
        this.causes = causes;
    }

    OutboxEvent created(Order order, ChangedBy by) {
        var data = new OrderCreated(
                order.orderId(),
                order.userId(),
                order.version(),
                order.status().name(),
                lines(order),
                order.createdAt());
        return wrap(order, OrderCreated.TYPE, data, by);
    }

    OutboxEvent updated(Order order, OrderStatus previousStatus, ChangedBy by) {
        var data = new OrderUpdated(
                order.orderId(),
                order.userId(),
                order.version(),
                previousStatus.name(),
                order.status().name(),
                lines(order),
                order.updatedAt());
        return wrap(order, OrderUpdated.TYPE, data, by);
    }

    private OutboxEvent wrap(Order order, String type, Object data, ChangedBy by) {
        String eventId = ids.get();
        TraceContext cause = causes.get();
        var envelope = CloudEvent.of(eventId, SOURCE, type, order.orderId(), order.updatedAt(), cause, data);
        return new OutboxEvent(eventId, topic, order.orderId(), type, envelope, cause, by);
    }

    private static List<OrderLineSnapshot> lines(Order order) {
        return order.orderItems().stream()
                .map(l -> new OrderLineSnapshot(
                        l.productId(), l.quantity(), l.status().name(), l.reason()))
                .toList();
    }
}
