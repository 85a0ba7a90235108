package dev.orderflow.lambda.trace;

import dev.orderflow.contracts.TraceContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The trace context of what this thread is handling, kept in the logging context (MDC), so that every log line
 * carries it ({@value #CORRELATION_ID}, {@value #TRACE_ID}) and every event produced while handling it inherits
 * it ({@link #forNewEvent}): one correlation id and one W3C trace id from the HTTP request through the outbox,
 * Kafka, Inventory and its answer back to the order. A handler opens the context of its trigger with {@link #open}.
 */
public final class Traces {

    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACE_ID = "traceId";
    static final String TRACEPARENT = "traceparent";

    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final Pattern XRAY_ROOT = Pattern.compile("Root=1-([0-9a-f]{8})-([0-9a-f]{24})");
    private static final Pattern XRAY_PARENT = Pattern.compile("Parent=([0-9a-f]{16})");
    private static final Pattern CORRELATION_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Traces() {}

    /** Makes {@code context} the current one until the returned scope is closed, which restores what was before. */
    public static Scope open(TraceContext context) {
        String previousCorrelation = MDC.get(CORRELATION_ID);
        String previousTraceparent = MDC.get(TRACEPARENT);
        String previousTraceId = MDC.get(TRACE_ID);
        put(CORRELATION_ID, context.correlationId());
        put(TRACEPARENT, context.traceparent());
        put(TRACE_ID, traceIdOf(context.traceparent()));
        return () -> {
            put(CORRELATION_ID, previousCorrelation);
            put(TRACEPARENT, previousTraceparent);
            put(TRACE_ID, previousTraceId);
        };
    }

    /** The current context, or a new one (a new correlation id and trace) when nothing is being traced. */
    public static TraceContext current() {
        String correlation = MDC.get(CORRELATION_ID);
        String traceparent = MDC.get(TRACEPARENT);
        return new TraceContext(
                correlation != null ? correlation : UUID.randomUUID().toString(),
                traceparent != null ? traceparent : newTraceparent());
    }

    /** The context of an event produced now: the current correlation id and trace, with a new parent (span) id. */
    public static TraceContext forNewEvent() {
        TraceContext current = current();
        return new TraceContext(current.correlationId(), child(current.traceparent()));
    }

    /**
     * The context an inbound event carries, made valid: a missing or malformed correlation id or traceparent (an
     * event from before they existed, or from another producer) is replaced by a new one.
     */
    public static TraceContext of(String correlationId, String traceparent) {
        return new TraceContext(
                correlationId != null
                                && CORRELATION_FORMAT.matcher(correlationId).matches()
                        ? correlationId
                        : UUID.randomUUID().toString(),
                traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches()
                        ? traceparent
                        : newTraceparent());
    }

    /**
     * The trace of an HTTP request: the caller's W3C {@code traceparent} when it sent a valid one, else API Gateway's
     * X-Ray header ({@code x-amzn-trace-id: Root=1-5759e988-bd862e3fe1be46a994272793;Parent=...}) in W3C form, so
     * the trace id is X-Ray's, else a new trace.
     */
    public static String traceparentOf(String w3c, String xray) {
        if (w3c != null && TRACEPARENT_FORMAT.matcher(w3c.strip()).matches()) {
            return w3c.strip();
        }
        if (xray != null) {
            var root = XRAY_ROOT.matcher(xray);
            if (root.find()) {
                var parent = XRAY_PARENT.matcher(xray);
                return "00-" + root.group(1) + root.group(2) + "-" + (parent.find() ? parent.group(1) : randomHex(8))
                        + "-01";
            }
        }
        return newTraceparent();
    }

    /** The 32 hex digits of the trace id; null for null. */
    public static String traceIdOf(String traceparent) {
        var matcher = traceparent == null ? null : TRACEPARENT_FORMAT.matcher(traceparent);
        return matcher != null && matcher.matches() ? matcher.group(1) : null;
    }

    static String newTraceparent() {
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    static String child(String traceparent) {
        var matcher = TRACEPARENT_FORMAT.matcher(traceparent);
        return matcher.matches()
                ? "00-" + matcher.group(1) + "-" + randomHex(8) + "-" + matcher.group(3)
                : newTraceparent();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** A trace context in force; closing it restores the one before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
