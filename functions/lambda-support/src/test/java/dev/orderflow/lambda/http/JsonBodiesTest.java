package dev.orderflow.lambda.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    @Test
    void aMissingFieldIsRequiredAnExplicitNullIsNamedAsSuch() {
        var body = bodies.object("{\"name\":null}", Set.of("name", "quantity"));

        assertThatThrownBy(() -> JsonBodies.string(body.get("quantity"), "quantity"))
                .hasMessage("quantity: is required");
        assertThatThrownBy(() -> JsonBodies.string(body.get("name"), "name")).hasMessage("name: must not be null");
    }

    @Test
    void brokenJsonIsNamedWithoutTheParsersInternals() {
        assertThatThrownBy(() -> bodies.object("{\"a\":", Set.of("a")))
                .hasMessage("body: is not valid JSON (Unexpected end-of-input within/between Object entries)");
        assertThatThrownBy(() -> bodies.object("{\"quantity\":" + "9".repeat(2_000) + "}", Set.of("quantity")))
                .hasMessageStartingWith("body: is not valid JSON (")
                .hasMessageNotContaining("Source:")
                .hasMessageNotContaining("offset");
    }

    @Test
    void aBodyOverTheParsersLimitsIsNamedByTheRuleNotByTheParsersSettings() {
        assertThatThrownBy(() -> bodies.object("{\"a\":" + "[".repeat(1_500) + "]".repeat(1_500) + "}", Set.of("a")))
                .hasMessage("body: is not valid JSON (nested too deeply)");
        assertThatThrownBy(() -> bodies.object("{\"quantity\":" + "9".repeat(2_000) + "}", Set.of("quantity")))
                .hasMessage("body: is not valid JSON (a value is too long)");
    }
}
