package dev.orderflow.order.adapter.function;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import dev.orderflow.contracts.EventRules;
import dev.orderflow.contracts.ReservationOutcome;
import dev.orderflow.lambda.kafka.CloudEventReader;
import dev.orderflow.lambda.kafka.EventFields;
import dev.orderflow.lambda.kafka.EventRuns;
import dev.orderflow.lambda.kafka.KafkaBatchResponse;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.kafka.PoisonMessage;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import dev.orderflow.order.application.ApplyInventoryAnswer;
import dev.orderflow.order.domain.ImplausibleEvent;
import dev.orderflow.order.domain.InventoryAnswer;
import dev.orderflow.order.domain.LineStatus;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code inventory-events} as the MSK trigger delivers them, on Lambda and locally alike
 * ({@link #onInventoryEventBatch}): the batch's orders are read at once and each answer applied in one
 * transaction ({@link EventRuns}); from the first answer that does not go through, the rest are handled one by
 * one ({@link #handle}) with {@link KafkaBatches}' failure rules. Only RESERVED answers change orders; RELEASED
 * and SHIPPED confirm what the order already says.
 */
public final class InventoryEventsListener {

    private static final Logger log = LoggerFactory.getLogger(InventoryEventsListener.class);

    private final ApplyInventoryAnswer applyInventoryAnswer;
    private final CloudEventReader events;
    private final KafkaBatches batches;

    private final Metrics metrics;

    public InventoryEventsListener(
            ApplyInventoryAnswer applyInventoryAnswer, JsonMapper json, KafkaBatches batches, Metrics metrics) {
        this.metrics = metrics;
        this.applyInventoryAnswer = applyInventoryAnswer;
        this.events = new CloudEventReader(json);
        this.batches = batches;
    }

    /** MSK trigger: a batch of records from several partitions. */
    public KafkaBatchResponse onInventoryEventBatch(KafkaEvent event) {
        return batches.process(event, EventRuns.of(this::read, this::open), this::handle);
    }

    /** The answers of a batch that change orders, applied on one read of those orders; the others confirm what is there. */
    private EventRuns.Run<Answer> open(List<Answer> answers) {
        ApplyInventoryAnswer.Batch batch = applyInventoryAnswer.batch(answers.stream()
                .filter(Answer::changesOrder)
                .map(Answer::orderId)
                .toList());
        return answer -> {
            if (answer.changesOrder()) {
                apply(answer, batch::apply);
            }
        };
    }

    void handle(String value) {
        Answer answer = read(value);
        if (answer.changesOrder()) {
            try {
                apply(answer, applyInventoryAnswer::apply);
            } catch (ImplausibleEvent e) {
                throw new PoisonMessage(e.getMessage());
            }
        }
    }

    private void apply(Answer answer, AnswerApplier applier) {
        // the order's change carries the answer's correlation id and trace on
        try (var traced = Traces.open(answer.cause());
                var about = MDC.putCloseable("orderId", answer.orderId())) {
            Optional<Order> applied = applier.apply(answer.orderId(), answer.orderVersion(), answer.lines());
            if (applied.isEmpty()) {
                log.warn("Inventory answered about order {}, which does not exist; ignored", answer.orderId());
            } else {
                decided(applied.get());
            }
        }
    }

    /** The answer, every field checked before anything is done with it (a failed check is poison). */
    private Answer read(String value) {
        JsonNode event = events.read(value, Set.of(ReservationOutcome.TYPE));
        EventFields.checkSource(event, EventRules.INVENTORY);
        JsonNode data = event.path("data");
        String orderId = EventFields.id(data, "orderId", false);
        long version = EventFields.version(data, "orderVersion");
        String action = EventFields.oneOf(data, "action", EventRules.ANSWER_ACTIONS);
        List<InventoryAnswer> lines = new ArrayList<>();
        // a RELEASED or SHIPPED answer lists what was held, which may be nothing; a RESERVED one what it decided
        boolean reserved = ReservationOutcome.RESERVED.equals(action);
        for (JsonNode line : EventFields.lines(data, "orderItems", reserved ? 1 : 0)) {
            lines.add(new InventoryAnswer(
                    line.get("productId").asString(),
                    EventFields.quantity(line, "quantity"),
                    LineStatus.EXECUTED
                            .name()
                            .equals(EventFields.oneOf(line, "status", EventRules.ANSWER_LINE_STATUSES)),
                    EventFields.optionalOneOf(line, "reason", EventRules.ANSWER_REASONS)));
        }
        if (!reserved) {
            return Answer.NO_CHANGE;
        }
        return new Answer(orderId, version, lines, CloudEventReader.causeOf(event));
    }

    /** A RESERVED answer, or {@link #NO_CHANGE} for the answers that only confirm what the order says. */
    private record Answer(
            String orderId,
            long orderVersion,
            List<InventoryAnswer> lines,
            dev.orderflow.contracts.TraceContext cause) {

        static final Answer NO_CHANGE = new Answer(null, 0, List.of(), null);

        boolean changesOrder() {
            return orderId != null;
        }
    }

    @FunctionalInterface
    private interface AnswerApplier {
        Optional<Order> apply(String orderId, long answeredVersion, List<InventoryAnswer> answers);
    }

    /** An order Inventory has decided: counted by outcome; its first decision also timed from its placing. */
    private void decided(Order order) {
        if (!order.status().isDerivedFromLines() || order.status() == OrderStatus.PENDING) {
            return;
        }
        boolean first = order.decidedForTheFirstTime();
        metrics.emit(
                Map.of("Outcome", order.status().name()),
                Metrics.Metric.count("OrdersDecided", 1),
                first
                        ? Metrics.Metric.milliseconds(
                                "OrderDecisionTime",
                                Duration.between(order.createdAt(), order.updatedAt())
                                        .toMillis())
                        : null);
    }
}
