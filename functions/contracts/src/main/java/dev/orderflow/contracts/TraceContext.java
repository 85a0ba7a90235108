package dev.orderflow.contracts;

/**
 * What caused an event, carried by every event as CloudEvents extension attributes: {@code correlationid} (the id of
 * the HTTP request, or of the run, that started the chain: every log line and event of one order's journey carries
 * it) and {@code traceparent} (W3C Trace Context, per the CloudEvents distributed-tracing extension).
 *
 * @param correlationId 1 to 128 of {@code A-Z a-z 0-9 . _ : -}
 * @param traceparent   {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}
 */
public record TraceContext(String correlationId, String traceparent) {}
