package dev.orderflow.lambda.kafka;

import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a consumed record's value as a CloudEvent of one of the expected types. Anything else (not JSON, not
 * an object, another type, a missing field) is a {@link PoisonMessage}: retrying cannot fix it.
 */
public final class CloudEventReader {

    private final JsonMapper json;

    public CloudEventReader(JsonMapper json) {
        this.json = json;
    }

    /** The whole event; its {@code type} is one of {@code types}. */
    public JsonNode read(String value, Set<String> types) {
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
        if (!types.contains(type)) {
            throw new PoisonMessage("unknown event type '" + type + "'");
        }
        return event;
    }

    /** What caused {@code event} (its {@code correlationid} and {@code traceparent}; new ones when it carries none). */
    public static dev.orderflow.contracts.TraceContext causeOf(JsonNode event) {
        return dev.orderflow.lambda.trace.Traces.of(
                event.path("correlationid").asString(null),
                event.path("traceparent").asString(null));
    }

    /** A field that must be present and not null. */
    public static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new PoisonMessage("event without " + field);
        }
        return value;
    }
}
