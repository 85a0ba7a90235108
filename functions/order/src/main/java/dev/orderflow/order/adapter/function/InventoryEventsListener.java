package dev.orderflow.order.adapter.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;

import static dev.orderflow.lambda.kafka.CloudEventReader.required;

import dev.orderflow.contracts.ReservationOutcome;
import dev.orderflow.lambda.kafka.CloudEventReader;
import dev.orderflow.lambda.kafka.KafkaBatchResponse;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.order.application.ApplyInventoryAnswer;
import dev.orderflow.order.domain.InventoryAnswer;
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

    public InventoryEventsListener(ApplyInventoryAnswer applyInventoryAnswer, JsonMapper json, KafkaBatches batches) {
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
        JsonNode data = events.read(value, Set.of(ReservationOutcome.TYPE)).path("data");
        if (!ReservationOutcome.RESERVED.equals(data.path("action").asString(""))) {
            return;
        }
        String orderId = required(data, "orderId").asString();
        List<InventoryAnswer> answers = new ArrayList<>();
        for (JsonNode line : required(data, "orderItems")) {
            answers.add(new InventoryAnswer(required(line, "productId").asString(), required(line, "quantity").asInt(),
                    "EXECUTED".equals(required(line, "status").asString()), line.path("reason").asString(null)));
        }
        if (applyInventoryAnswer.apply(orderId, required(data, "orderVersion").asLong(), answers).isEmpty()) {
            log.warn("Inventory answered about order {}, which does not exist; ignored", orderId);
        }
    }
}
