package dev.orderflow.inventory.adapter.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.MDC;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;

import static dev.orderflow.lambda.kafka.CloudEventReader.required;

import dev.orderflow.contracts.OrderCreated;
import dev.orderflow.contracts.OrderUpdated;
import dev.orderflow.inventory.application.ApplyOrderEvent;
import dev.orderflow.inventory.domain.OrderSnapshot;
import dev.orderflow.inventory.domain.ReservationPlan;
import dev.orderflow.inventory.domain.StockMove;
import dev.orderflow.lambda.kafka.CloudEventReader;
import dev.orderflow.lambda.kafka.KafkaBatchResponse;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.kafka.PoisonMessage;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code order-events}: one handler ({@link #handle}) behind two entry points, a Spring Cloud
 * Stream binding locally ({@link #onOrderEvent}) and an MSK batch on Lambda ({@link #onOrderEventBatch}).
 * A value that is not an order event of a known type is a {@link PoisonMessage}: dead-lettered, never retried.
 */
public final class OrderEventsListener {

    private final ApplyOrderEvent applyOrderEvent;
    private final CloudEventReader events;
    private final KafkaBatches batches;
    private final Metrics metrics;

    public OrderEventsListener(ApplyOrderEvent applyOrderEvent, JsonMapper json, KafkaBatches batches, Metrics metrics) {
        this.metrics = metrics;
        this.applyOrderEvent = applyOrderEvent;
        this.events = new CloudEventReader(json);
        this.batches = batches;
    }

    /** Spring Cloud Stream: one record; a thrown exception makes the binder retry, then dead-letter it. */
    public void onOrderEvent(byte[] value) {
        handle(value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** MSK trigger: a batch of records from several partitions. */
    public KafkaBatchResponse onOrderEventBatch(KafkaEvent event) {
        return batches.process(event, this::handle);
    }

    void handle(String value) {
        JsonNode event = events.read(value, Set.of(OrderCreated.TYPE, OrderUpdated.TYPE));
        OrderSnapshot order = snapshot(event.path("data"));
        // the answer carries the order event's correlation id and trace on
        try (var traced = Traces.open(CloudEventReader.causeOf(event)); var about = MDC.putCloseable("orderId", order.orderId())) {
            measure(applyOrderEvent.apply(order));
        }
    }

    /** What the event did to the stock: units reserved, released and shipped, lines out of stock, or nothing (a duplicate). */
    private void measure(ReservationPlan plan) {
        if (plan.duplicate()) {
            metrics.emit(Metrics.Metric.count("DuplicateEventsIgnored", 1));
            return;
        }
        long outOfStock = plan.outcome() == null ? 0 : plan.outcome().lines().stream().filter(l -> "OUT_OF_STOCK".equals(l.reason())).count();
        metrics.emit(Metrics.Metric.count("UnitsReserved", plan.moves().values().stream().mapToLong(StockMove::reserve).sum()),
                Metrics.Metric.count("UnitsReleased", plan.moves().values().stream().mapToLong(StockMove::release).sum()),
                Metrics.Metric.count("UnitsShipped", plan.moves().values().stream().mapToLong(StockMove::ship).sum()),
                Metrics.Metric.count("LinesOutOfStock", outOfStock));
    }

    OrderSnapshot snapshot(JsonNode data) {
        List<OrderSnapshot.Line> lines = new ArrayList<>();
        for (JsonNode line : required(data, "orderItems")) {
            lines.add(new OrderSnapshot.Line(required(line, "productId").asString(), required(line, "quantity").asInt(),
                    required(line, "status").asString()));
        }
        return new OrderSnapshot(required(data, "orderId").asString(), required(data, "orderVersion").asLong(),
                required(data, "status").asString(), lines);
    }
}
