package dev.orderflow.lambda.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.orderflow.contracts.TraceContext;
import dev.orderflow.lambda.trace.Traces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MetricsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema EMF = emfSchema();

    private final List<String> written = new ArrayList<>();
    private final Metrics metrics =
            new Metrics("order", written::add, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aDocumentIsValidEmbeddedMetricFormatWithEveryNamedDimensionAndMetricAtItsRoot() {
        metrics.emit(
                Map.of("Outcome", "CONFIRMED"),
                Metrics.Metric.count("OrdersDecided", 1),
                Metrics.Metric.milliseconds("OrderDecisionTime", 412));

        JsonNode document = JSON.readTree(written.get(0));
        assertThat(EMF.validate(document)).isEmpty();
        JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(document.get("_aws").get("Timestamp").longValue())
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
        assertThat(directive.get("Namespace").stringValue()).isEqualTo("orderflow");
        assertThat(directive.get("Dimensions").get(0).valueStream().map(JsonNode::stringValue))
                .containsExactly("Service", "Outcome");
        assertThat(directive.get("Metrics").findValuesAsString("Name"))
                .containsExactly("OrdersDecided", "OrderDecisionTime");
        assertThat(directive.get("Metrics").findValuesAsString("Unit")).containsExactly("Count", "Milliseconds");
        assertThat(document.get("Service").stringValue()).isEqualTo("order");
        assertThat(document.get("Outcome").stringValue()).isEqualTo("CONFIRMED");
        assertThat(document.get("OrdersDecided").doubleValue()).isEqualTo(1);
        assertThat(document.get("OrderDecisionTime").doubleValue()).isEqualTo(412);
    }

    @Test
    void theTraceOfWhatIsHandledIsAPropertyNeverADimension() {
        try (var traced = Traces.open(
                new TraceContext("checkout-7f3a", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))) {
            metrics.emit(Metrics.Metric.count("OrdersPlaced", 1));
        }

        JsonNode document = JSON.readTree(written.get(0));
        assertThat(EMF.validate(document)).isEmpty();
        assertThat(document.get("correlationId").stringValue()).isEqualTo("checkout-7f3a");
        assertThat(document.get("traceId").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(document.get("_aws")
                        .get("CloudWatchMetrics")
                        .get(0)
                        .get("Dimensions")
                        .get(0))
                .hasSize(1);
    }

    @Test
    void theSchemaRefusesWhatCloudWatchWouldIgnore() {
        JsonNode noNamespace =
                JSON.readTree("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Dimensions\":[[\"Service\"]],"
                        + "\"Metrics\":[{\"Name\":\"X\",\"Unit\":\"Count\"}]}]},\"Service\":\"order\",\"X\":1}");
        JsonNode badUnit = JSON.readTree(
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"orderflow\",\"Dimensions\":[[\"Service\"]],"
                        + "\"Metrics\":[{\"Name\":\"X\",\"Unit\":\"Orders\"}]}]},\"Service\":\"order\",\"X\":1}");

        assertThat(EMF.validate(noNamespace)).isNotEmpty();
        assertThat(EMF.validate(badUnit)).isNotEmpty();
    }

    @Test
    void nothingIsWrittenWhenThereIsNothingToMeasure() {
        metrics.emit(Map.of("Outcome", "REJECTED"), (Metrics.Metric) null);

        assertThat(written).isEmpty();
    }

    private static Schema emfSchema() {
        try (InputStream in = MetricsTest.class.getClassLoader().getResourceAsStream("emf-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
