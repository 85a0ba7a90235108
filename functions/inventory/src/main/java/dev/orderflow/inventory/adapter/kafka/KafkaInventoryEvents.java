package dev.orderflow.inventory.adapter.kafka;

import dev.orderflow.contracts.CloudEvent;
import dev.orderflow.contracts.EventRules;
import dev.orderflow.contracts.ReservationOutcome;
import dev.orderflow.contracts.StockAlert;
import dev.orderflow.contracts.TraceContext;
import dev.orderflow.inventory.application.InventoryEvents;
import dev.orderflow.inventory.domain.Outcome;
import dev.orderflow.inventory.domain.StockAlerts;
import dev.orderflow.lambda.kafka.EventProducer;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link InventoryEvents} on Kafka: answers on the outcomes topic keyed by order, alerts on the alerts topic
 * keyed by product. The CloudEvents id is a name-based UUID of what the event describes (order, version and
 * action; product, version and alert), so a repeated answer or alert has the same id.
 */
public final class KafkaInventoryEvents implements InventoryEvents {

    static final String SOURCE = EventRules.INVENTORY;

    private final EventProducer producer;
    private final JsonMapper json;
    private final String outcomesTopic;
    private final String alertsTopic;
    private final Clock clock;
    private final Metrics metrics;

    public KafkaInventoryEvents(
            EventProducer producer,
            JsonMapper json,
            String outcomesTopic,
            String alertsTopic,
            Clock clock,
            Metrics metrics) {
        this.metrics = metrics;
        this.producer = producer;
        this.json = json;
        this.outcomesTopic = outcomesTopic;
        this.alertsTopic = alertsTopic;
        this.clock = clock;
    }

    @Override
    public Sent outcome(String orderId, Outcome outcome) {
        String id = nameId(
                "outcome", orderId, outcome.orderVersion(), outcome.action().name());
        var data = new ReservationOutcome(
                orderId,
                outcome.orderVersion(),
                outcome.action().name(),
                outcome.lines().stream()
                        .map(l -> new ReservationOutcome.OutcomeLine(
                                l.productId(),
                                l.quantity(),
                                l.status().name(),
                                l.reason() == null ? null : l.reason().name()))
                        .toList(),
                clock.instant());
        // the answer's cause is the order event being handled (its trace is the current one)
        TraceContext cause = Traces.forNewEvent();
        var acknowledgement = producer.send(
                outcomesTopic,
                orderId,
                id,
                ReservationOutcome.TYPE,
                json.writeValueAsString(
                        CloudEvent.of(id, SOURCE, ReservationOutcome.TYPE, orderId, data.occurredAt(), cause, data)),
                cause);
        return () -> await(acknowledgement, ReservationOutcome.TYPE, id);
    }

    @Override
    public void alert(StockChange change, StockAlerts.Alert alert) {
        String id = nameId("alert", change.productId(), change.version(), alert.name());
        var data = new StockAlert(
                alert.name(),
                change.productId(),
                change.availableAfter(),
                change.lowStockThreshold(),
                change.version(),
                change.changedAt());
        TraceContext cause = Traces.forNewEvent();
        await(
                producer.send(
                        alertsTopic,
                        change.productId(),
                        id,
                        StockAlert.TYPE,
                        json.writeValueAsString(CloudEvent.of(
                                id, SOURCE, StockAlert.TYPE, change.productId(), change.changedAt(), cause, data)),
                        cause),
                StockAlert.TYPE,
                id);
        metrics.emit(Map.of("Alert", alert.name()), Metrics.Metric.count("StockAlerts", 1));
    }

    private static void await(Future<Void> acknowledgement, String type, String id) {
        try {
            acknowledgement.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + type + " " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + id, e);
        }
    }

    private static String nameId(String kind, String subject, long version, String what) {
        return UUID.nameUUIDFromBytes(
                        (kind + "|" + subject + "|" + version + "|" + what).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
