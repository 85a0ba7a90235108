package dev.orderflow.inventory.adapter.function;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import dev.orderflow.contracts.EventRules;
import dev.orderflow.contracts.OrderCreated;
import dev.orderflow.contracts.OrderUpdated;
import dev.orderflow.inventory.application.ApplyOrderEvent;
import dev.orderflow.inventory.domain.ImplausibleEvent;
import dev.orderflow.inventory.domain.LineStatus;
import dev.orderflow.inventory.domain.OrderSnapshot;
import dev.orderflow.inventory.domain.Outcome;
import dev.orderflow.inventory.domain.ReservationPlan;
import dev.orderflow.inventory.domain.StockMove;
import dev.orderflow.lambda.kafka.CloudEventReader;
import dev.orderflow.lambda.kafka.EventFields;
import dev.orderflow.lambda.kafka.EventRuns;
import dev.orderflow.lambda.kafka.KafkaBatchResponse;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.kafka.PoisonMessage;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code order-events} as the MSK trigger delivers them, on Lambda and locally alike
 * ({@link #onOrderEventBatch}): the batch is applied together ({@link EventRuns}: one read of every order's and
 * product's state, one transaction per event, the answers published together); from the first event that does not
 * go through, the rest are handled one by one ({@link #handle}) with {@link KafkaBatches}' failure rules. A value
 * that is not an order event of a known type is a {@link PoisonMessage}: dead-lettered, never retried.
 */
public final class OrderEventsListener {

    private final ApplyOrderEvent applyOrderEvent;
    private final CloudEventReader events;
    private final KafkaBatches batches;
    private final Metrics metrics;

    public OrderEventsListener(
            ApplyOrderEvent applyOrderEvent, JsonMapper json, KafkaBatches batches, Metrics metrics) {
        this.metrics = metrics;
        this.applyOrderEvent = applyOrderEvent;
        this.events = new CloudEventReader(json);
        this.batches = batches;
    }

    /** MSK trigger: a batch of records from several partitions. */
    public KafkaBatchResponse onOrderEventBatch(KafkaEvent event) {
        return batches.process(event, EventRuns.of(this::read, this::open), this::handle);
    }

    /** The batch's events on one read of their orders' and products' state; done once their answers are acknowledged. */
    private EventRuns.Run<Received> open(List<Received> received) {
        ApplyOrderEvent.Batch batch =
                applyOrderEvent.batch(received.stream().map(Received::order).toList());
        return new EventRuns.Run<>() {
            @Override
            public void apply(Received event) {
                try (var traced = Traces.open(event.cause());
                        var about = MDC.putCloseable("orderId", event.order().orderId())) {
                    measure(batch.apply(event.order()));
                }
            }

            @Override
            public KafkaBatches.Progress acknowledged(int applied) {
                ApplyOrderEvent.Answered answered = batch.answered();
                return answered.events() < applied
                        ? new KafkaBatches.Progress(answered.events(), answered.failure())
                        : KafkaBatches.Progress.all(applied);
            }
        };
    }

    void handle(String value) {
        Received event = read(value);
        try (var traced = Traces.open(event.cause());
                var about = MDC.putCloseable("orderId", event.order().orderId())) {
            measure(applyOrderEvent.apply(event.order()));
        } catch (ImplausibleEvent e) {
            throw new PoisonMessage(e.getMessage());
        }
    }

    /** The order event's snapshot, and its cause: the answer carries the order event's correlation id and trace on. */
    private Received read(String value) {
        JsonNode event = events.read(value, Set.of(OrderCreated.TYPE, OrderUpdated.TYPE));
        EventFields.checkSource(event, EventRules.ORDER_MANAGEMENT);
        return new Received(snapshot(event.path("data")), CloudEventReader.causeOf(event));
    }

    private record Received(OrderSnapshot order, dev.orderflow.contracts.TraceContext cause) {}

    /** What the event did to the stock: units reserved, released and shipped, lines out of stock, or nothing (a duplicate). */
    private void measure(ReservationPlan plan) {
        if (plan.duplicate()) {
            metrics.emit(Metrics.Metric.count("DuplicateEventsIgnored", 1));
            return;
        }
        long outOfStock = plan.outcome() == null
                ? 0
                : plan.outcome().lines().stream()
                        .filter(l -> l.reason() == Outcome.Reason.OUT_OF_STOCK)
                        .count();
        metrics.emit(
                Metrics.Metric.count(
                        "UnitsReserved",
                        plan.moves().values().stream()
                                .mapToLong(StockMove::reserve)
                                .sum()),
                Metrics.Metric.count(
                        "UnitsReleased",
                        plan.moves().values().stream()
                                .mapToLong(StockMove::release)
                                .sum()),
                Metrics.Metric.count(
                        "UnitsShipped",
                        plan.moves().values().stream()
                                .mapToLong(StockMove::ship)
                                .sum()),
                Metrics.Metric.count("LinesOutOfStock", outOfStock));
    }

    /** The order the event describes, every field checked before anything is done with it (a failed check is poison). */
    OrderSnapshot snapshot(JsonNode data) {
        List<OrderSnapshot.Line> lines = new ArrayList<>();
        for (JsonNode line : EventFields.lines(data, "orderItems")) {
            lines.add(new OrderSnapshot.Line(
                    line.get("productId").asString(),
                    EventFields.quantity(line, "quantity"),
                    LineStatus.valueOf(EventFields.oneOf(line, "status", EventRules.LINE_STATUSES))));
        }
        return new OrderSnapshot(
                EventFields.id(data, "orderId", false),
                EventFields.version(data, "orderVersion"),
                OrderSnapshot.Status.valueOf(EventFields.oneOf(data, "status", EventRules.ORDER_STATUSES)),
                lines);
    }
}
