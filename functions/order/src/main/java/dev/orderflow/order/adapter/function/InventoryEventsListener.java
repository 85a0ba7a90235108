package dev.orderflow.order.adapter.function;

import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;

import static dev.orderflow.lambda.kafka.CloudEventReader.required;

import dev.orderflow.contracts.ReservationOutcome;
import dev.orderflow.lambda.kafka.CloudEventReader;
import dev.orderflow.lambda.kafka.KafkaBatchResponse;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import dev.orderflow.order.application.ApplyInventoryAnswer;
import dev.orderflow.order.domain.InventoryAnswer;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code inventory-events}: one handler behind two entry points, a Spring Cloud Stream binding
 * locally ({@link #onInventoryEvent}) and an MSK batch on Lambda ({@link #onInventoryEventBatch}). Only
 * RESERVED answers change orders; RELEASED and SHIPPED confirm what the order already says.
 */
public final class InventoryEventsListener {

    private static final Logger log = LoggerFactory.getLogger(InventoryEventsListener.class);

    private final ApplyInventoryAnswer applyInventoryAnswer;
    private final CloudEventReader events;
    private final KafkaBatches batches;

    private final Metrics metrics;

    public InventoryEventsListener(ApplyInventoryAnswer applyInventoryAnswer, JsonMapper json, KafkaBatches batches, Metrics metrics) {
        this.metrics = metrics;
        this.applyInventoryAnswer = applyInventoryAnswer;
        this.events = new CloudEventReader(json);
        this.batches = batches;
    }

    /** Spring Cloud Stream: one record; a thrown exception makes the binder retry, then dead-letter it. */
    public void onInventoryEvent(byte[] value) {
        handle(value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** MSK trigger: a batch of records from several partitions. */
    public KafkaBatchResponse onInventoryEventBatch(KafkaEvent event) {
        return batches.process(event, this::handle);
    }

    void handle(String value) {
        JsonNode event = events.read(value, Set.of(ReservationOutcome.TYPE));
        JsonNode data = event.path("data");
        if (!ReservationOutcome.RESERVED.equals(data.path("action").asString(""))) {
            return;
        }
        String orderId = required(data, "orderId").asString();
        List<InventoryAnswer> answers = new ArrayList<>();
        for (JsonNode line : required(data, "orderItems")) {
            answers.add(new InventoryAnswer(required(line, "productId").asString(), required(line, "quantity").asInt(),
                    "EXECUTED".equals(required(line, "status").asString()), line.path("reason").asString(null)));
        }
        // the order's change carries the answer's correlation id and trace on
        try (var traced = Traces.open(CloudEventReader.causeOf(event)); var about = MDC.putCloseable("orderId", orderId)) {
            Optional<Order> applied = applyInventoryAnswer.apply(orderId, required(data, "orderVersion").asLong(), answers);
            if (applied.isEmpty()) {
                log.warn("Inventory answered about order {}, which does not exist; ignored", orderId);
            } else {
                decided(applied.get());
            }
        }
    }

    /** An order Inventory has decided: counted by outcome; its first decision also timed from its creation. */
    private void decided(Order order) {
        if (!order.status().isDerivedFromLines() || order.status() == OrderStatus.PENDING) {
            return;
        }
        boolean first = order.version() == 2;
        metrics.emit(Map.of("Outcome", order.status().name()), Metrics.Metric.count("OrdersDecided", 1),
                first ? Metrics.Metric.milliseconds("OrderDecisionTime", Duration.between(order.createdAt(), order.updatedAt()).toMillis()) : null);
    }
}
