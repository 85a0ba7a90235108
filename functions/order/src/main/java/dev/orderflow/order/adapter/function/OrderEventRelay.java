package dev.orderflow.order.adapter.function;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.orderflow.lambda.Failures;
import dev.orderflow.lambda.kafka.PoisonMessage;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import dev.orderflow.order.application.EventPublisher.RelayedEvent;
import dev.orderflow.order.application.RelayEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay's entry point: a batch of the outbox table's stream (new items only) in, the events
 * sent to Kafka, and the first record that was not acknowledged reported as a batch item failure, so the
 * stream trigger retries from there and never skips an event. A record that is no event at all is judged by
 * {@link Failures}: poison, it can never be sent, so it is logged, counted ({@code UnrelayableOutboxRecords}) and
 * passed, and the events after it go on (its order, if it has one, is re-published by the re-drive); blocking the
 * stream on it would hold back every order behind it.
 */
public final class OrderEventRelay {

    private static final Logger log = LoggerFactory.getLogger(OrderEventRelay.class);

    private final RelayEvents relayEvents;
    private final Metrics metrics;
    private final Clock clock;

    public OrderEventRelay(RelayEvents relayEvents, Metrics metrics, Clock clock) {
        this.relayEvents = relayEvents;
        this.metrics = metrics;
        this.clock = clock;
    }

    public StreamsEventResponse relay(DynamodbEvent event) {
        List<DynamodbStreamRecord> inserts = event.getRecords() == null
                ? List.of()
                : event.getRecords().stream()
                        .filter(r -> "INSERT".equals(r.getEventName()))
                        .toList();
        List<RelayedEvent> batch = new ArrayList<>(inserts.size());
        // the stream records of the events in the batch, one for one
        List<DynamodbStreamRecord> relayable = new ArrayList<>(inserts.size());
        DynamodbStreamRecord unreadable = null;
        int passed = 0;
        for (DynamodbStreamRecord record : inserts) {
            try {
                batch.add(toEvent(record.getDynamodb().getNewImage()));
                relayable.add(record);
            } catch (RuntimeException e) {
                if (Failures.classify(e) != Failures.Kind.POISON) {
                    log.error(
                            "Outbox record {} could not be read",
                            record.getDynamodb().getSequenceNumber(),
                            e);
                    unreadable = record;
                    break;
                }
                log.error(
                        "Outbox record {} is not a relayable event ({}); passed",
                        record.getDynamodb().getSequenceNumber(),
                        Failures.summary(e));
                passed++;
            }
        }
        if (passed > 0) {
            metrics.emit(Metrics.Metric.count("UnrelayableOutboxRecords", passed));
        }
        RelayEvents.Outcome sent = relayEvents.relay(batch);
        boolean unacknowledged = sent.firstUnacknowledged() >= 0;
        int relayed = unacknowledged ? sent.firstUnacknowledged() : batch.size();
        measure(relayable, relayed);
        DynamodbStreamRecord retryFrom = unacknowledged ? relayable.get(sent.firstUnacknowledged()) : unreadable;
        if (retryFrom == null) {
            return StreamsEventResponse.builder()
                    .withBatchItemFailures(List.of())
                    .build();
        }
        String sequenceNumber = retryFrom.getDynamodb().getSequenceNumber();
        log.warn(
                "Relayed {} of {} outbox events ({}); retrying from sequence number {}",
                relayed,
                inserts.size(),
                unacknowledged ? Failures.summary(sent.failure()) : "a record that could not be read",
                sequenceNumber);
        return StreamsEventResponse.builder()
                .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(sequenceNumber)
                        .build()))
                .build();
    }

    /** How many events reached Kafka, and how long the oldest of them waited in the outbox (the relay's lag). */
    private void measure(List<DynamodbStreamRecord> inserts, int relayed) {
        if (relayed == 0) {
            return;
        }
        long oldest = inserts.subList(0, relayed).stream()
                .map(r -> optionalText(r.getDynamodb().getNewImage(), "createdAt"))
                .filter(Objects::nonNull)
                .mapToLong(at -> Instant.parse(at).toEpochMilli())
                .min()
                .orElse(clock.instant().toEpochMilli());
        metrics.emit(
                Metrics.Metric.count("EventsRelayed", relayed),
                Metrics.Metric.milliseconds(
                        "OutboxRelayLag", Math.max(0, clock.instant().toEpochMilli() - oldest)));
    }

    private static RelayedEvent toEvent(Map<String, AttributeValue> image) {
        // outbox records written before the trace existed carry none: they get a new one
        return new RelayedEvent(
                text(image, "eventId"),
                text(image, "topic"),
                text(image, "messageKey"),
                text(image, "eventType"),
                text(image, "payload"),
                Traces.of(optionalText(image, "correlationId"), optionalText(image, "traceparent")));
    }

    private static String optionalText(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        return value == null ? null : value.getS();
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        if (value == null || value.getS() == null) {
            throw new PoisonMessage("outbox record has no string attribute " + name);
        }
        return value.getS();
    }
}
