package dev.orderflow.order.adapter.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;

import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import dev.orderflow.lambda.Failures;
import dev.orderflow.order.application.EventPublisher.RelayedEvent;
import dev.orderflow.order.application.RelayEvents;

/**
 * The outbox relay's entry point: a batch of the outbox table's stream (new items only) in, the events
 * sent to Kafka, and the first record that was not acknowledged reported as a batch item failure, so the
 * stream trigger retries from there and never skips an event.
 */
public final class OrderEventRelay {

    private static final Logger log = LoggerFactory.getLogger(OrderEventRelay.class);

    private final RelayEvents relayEvents;
    private final Metrics metrics;
    private final java.time.Clock clock;

    public OrderEventRelay(RelayEvents relayEvents, Metrics metrics, java.time.Clock clock) {
        this.relayEvents = relayEvents;
        this.metrics = metrics;
        this.clock = clock;
    }

    public StreamsEventResponse relay(DynamodbEvent event) {
        List<DynamodbStreamRecord> inserts = event.getRecords() == null ? List.of()
                : event.getRecords().stream().filter(r -> "INSERT".equals(r.getEventName())).toList();
        List<RelayedEvent> batch = new ArrayList<>(inserts.size());
        int firstFailure = -1;
        for (DynamodbStreamRecord record : inserts) {
            try {
                batch.add(toEvent(record.getDynamodb().getNewImage()));
            } catch (RuntimeException e) {
                log.error("Outbox record {} is not a relayable event", record.getDynamodb().getSequenceNumber(), e);
                firstFailure = batch.size();
                break;
            }
        }
        RelayEvents.Outcome sent = relayEvents.relay(batch);
        measure(inserts, sent.firstUnacknowledged() >= 0 ? sent.firstUnacknowledged() : batch.size());
        String reason = "not a relayable event";
        if (sent.firstUnacknowledged() >= 0) {
            firstFailure = sent.firstUnacknowledged();
            reason = Failures.summary(sent.failure());
        }
        if (firstFailure < 0) {
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
        String sequenceNumber = inserts.get(firstFailure).getDynamodb().getSequenceNumber();
        log.warn("Relayed {} of {} outbox events ({}); retrying from sequence number {}", firstFailure, inserts.size(), reason,
                sequenceNumber);
        return StreamsEventResponse.builder()
                .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(sequenceNumber).build()))
                .build();
    }

    /** How many events reached Kafka, and how long the oldest of them waited in the outbox (the relay's lag). */
    private void measure(List<DynamodbStreamRecord> inserts, int relayed) {
        if (relayed == 0) {
            return;
        }
        long oldest = inserts.subList(0, relayed).stream().map(r -> optionalText(r.getDynamodb().getNewImage(), "createdAt"))
                .filter(java.util.Objects::nonNull).mapToLong(at -> java.time.Instant.parse(at).toEpochMilli()).min().orElse(clock.instant().toEpochMilli());
        metrics.emit(Metrics.Metric.count("EventsRelayed", relayed), Metrics.Metric.milliseconds("OutboxRelayLag", Math.max(0, clock.instant().toEpochMilli() - oldest)));
    }

    private static RelayedEvent toEvent(Map<String, AttributeValue> image) {
        // outbox records written before the trace existed carry none: they get a new one
        return new RelayedEvent(text(image, "eventId"), text(image, "topic"), text(image, "messageKey"),
                text(image, "eventType"), text(image, "payload"), Traces.of(optionalText(image, "correlationId"), optionalText(image, "traceparent")));
    }

    private static String optionalText(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        return value == null ? null : value.getS();
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        if (value == null || value.getS() == null) {
            throw new IllegalArgumentException("outbox record has no string attribute " + name);
        }
        return value.getS();
    }
}
