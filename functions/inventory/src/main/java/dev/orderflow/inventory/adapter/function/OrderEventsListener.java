package dev.orderflow.inventory.adapter.function;

import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;

import dev.orderflow.contracts.OrderCreated;
import dev.orderflow.contracts.OrderUpdated;
import dev.orderflow.inventory.application.ApplyOrderEvent;
import dev.orderflow.inventory.domain.OrderSnapshot;
import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.kafka.PoisonMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code order-events}: one handler ({@link #handle}) behind two entry points, a Spring Cloud
 * Stream binding locally ({@link #onOrderEvent}) and an MSK batch on Lambda ({@link #onOrderEventBatch}).
 * A value that is not an order event of a known type is a {@link PoisonMessage}: dead-lettered, never retried.
 */
public final class OrderEventsListener {

    private final ApplyOrderEvent applyOrderEvent;
    private final JsonMapper json;
    private final KafkaBatches batches;

    public OrderEventsListener(ApplyOrderEvent applyOrderEvent, JsonMapper json, KafkaBatches batches) {
        this.applyOrderEvent = applyOrderEvent;
        this.json = json;
        this.batches = batches;
    }

    /** Spring Cloud Stream: one record; a thrown exception makes the binder retry, then dead-letter it. */
    public void onOrderEvent(byte[] value) {
        handle(value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** MSK trigger: a batch of records from several partitions. */
    public void onOrderEventBatch(KafkaEvent event) {
        batches.process(event, this::handle);
    }

    void handle(String value) {
        applyOrderEvent.apply(snapshot(value));
    }

    OrderSnapshot snapshot(String value) {
        JsonNode event;
        try {
            event = value == null ? null : json.readTree(value);
        } catch (JacksonException e) {
            throw new PoisonMessage("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new PoisonMessage("not a CloudEvent object");
        }
        String type = event.path("type").asString("");
        if (!type.equals(OrderCreated.TYPE) && !type.equals(OrderUpdated.TYPE)) {
            throw new PoisonMessage("unknown event type '" + type + "'");
        }
        JsonNode data = event.path("data");
        List<OrderSnapshot.Line> lines = new ArrayList<>();
        for (JsonNode line : data.path("orderItems")) {
            lines.add(new OrderSnapshot.Line(required(line, "productId").asString(), required(line, "quantity").asInt(),
                    required(line, "status").asString()));
        }
        if (lines.isEmpty()) {
            throw new PoisonMessage("order event without orderItems");
        }
        return new OrderSnapshot(required(data, "orderId").asString(), required(data, "orderVersion").asLong(),
                required(data, "status").asString(), lines);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new PoisonMessage("order event without " + field);
        }
        return value;
    }
}
