package dev.orderflow.contracts;

import java.time.Instant;

/**
 * A CloudEvents 1.0 envelope in structured content mode.
 *
 * @param specversion always {@value #SPEC_VERSION}
 * @param id          unique per event; consumers deduplicate on it (a relay retry may publish twice)
 * @param source      the producing service, e.g. {@code /oms/orders}
 * @param type        one of the {@code TYPE} constants of the payload records
 * @param subject     the aggregate id the event is about (the Kafka key)
 * @param time        when the change happened
 * @param datacontenttype always {@code application/json}
 * @param correlationid extension: the id of the request (or run) that started the chain of events (see {@link TraceContext})
 * @param traceparent extension (distributed tracing): the W3C trace context of the change
 * @param data        the payload record
 */
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String correlationid,
        String traceparent,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public static <T> CloudEvent<T> of(
            String id, String source, String type, String subject, Instant time, TraceContext cause, T data) {
        return new CloudEvent<>(
                SPEC_VERSION, id, source, type, subject, time, JSON, cause.correlationId(), cause.traceparent(), data);
    }

    /** What caused this event. */
    public TraceContext cause() {
        return new TraceContext(correlationid, traceparent);
    }
}
