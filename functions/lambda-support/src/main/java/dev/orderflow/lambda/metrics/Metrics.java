package dev.orderflow.lambda.metrics;

import dev.orderflow.lambda.trace.Traces;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Business and pipeline metrics as CloudWatch Embedded Metric Format: one JSON document per emission, written to
 * standard output in Lambda, where CloudWatch Logs turns it into metrics without an API call (no latency, no
 * IAM permission, nothing lost when the function ends). Namespace {@value #NAMESPACE}; every metric has the
 * dimension {@code Service}, some one more of a handful of values (an outcome, an alert); never an id. The
 * document also carries the correlation and trace id as plain properties, to go from a metric to its logs.
 * Outside Lambda the documents go to the logger {@code dev.orderflow.metrics} at DEBUG.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">the specification</a>
 */
public final class Metrics {

    public static final String NAMESPACE = "orderflow";

    /** One value of a metric: its name, the value and a CloudWatch unit ({@code Count}, {@code Milliseconds}, {@code Seconds}). */
    public record Metric(String name, double value, String unit) {

        public static Metric count(String name, long value) {
            return new Metric(name, value, "Count");
        }

        public static Metric milliseconds(String name, long value) {
            return new Metric(name, value, "Milliseconds");
        }

        public static Metric seconds(String name, long value) {
            return new Metric(name, value, "Seconds");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger local = LoggerFactory.getLogger("dev.orderflow.metrics");

    private final String service;
    private final Consumer<String> sink;
    private final Clock clock;
    private final BooleanSupplier enabled;

    public Metrics(String service, Consumer<String> sink, Clock clock) {
        this(service, sink, clock, () -> true);
    }

    private Metrics(String service, Consumer<String> sink, Clock clock, BooleanSupplier enabled) {
        this.service = service;
        this.sink = sink;
        this.clock = clock;
        this.enabled = enabled;
    }

    /** Standard output in Lambda (CloudWatch reads it), the {@code dev.orderflow.metrics} logger elsewhere. */
    public static Metrics of(String service) {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            return new Metrics(service, Metrics::toStandardOutput, Clock.systemUTC());
        }
        // locally no document is even built unless someone reads them
        return new Metrics(service, local::debug, Clock.systemUTC(), local::isDebugEnabled);
    }

    public void emit(Metric... metrics) {
        emit(Map.of(), metrics);
    }

    /** Emits {@code metrics} with {@code dimensions} besides {@code Service}; nothing when there are none. */
    public void emit(Map<String, String> dimensions, Metric... metrics) {
        List<Metric> present = Arrays.stream(metrics).filter(m -> m != null).toList();
        if (present.isEmpty() || !enabled.getAsBoolean()) {
            return;
        }
        Map<String, String> allDimensions = new LinkedHashMap<>();
        allDimensions.put("Service", service);
        allDimensions.putAll(dimensions);
        ObjectNode document = JSON.createObjectNode();
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", clock.instant().toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        var dimensionSet = directive.putArray("Dimensions").addArray();
        allDimensions.keySet().forEach(dimensionSet::add);
        var definitions = directive.putArray("Metrics");
        for (Metric metric : present) {
            definitions.addObject().put("Name", metric.name()).put("Unit", metric.unit());
        }
        allDimensions.forEach(document::put);
        for (Metric metric : present) {
            document.put(metric.name(), metric.value());
        }
        putIfPresent(document, "correlationId", MDC.get(Traces.CORRELATION_ID));
        putIfPresent(document, "traceId", MDC.get(Traces.TRACE_ID));
        sink.accept(JSON.writeValueAsString(document));
    }

    private static void putIfPresent(ObjectNode document, String name, String value) {
        if (value != null) {
            document.put(name, value);
        }
    }

    private static synchronized void toStandardOutput(String document) {
        System.out.println(document);
    }
}
