package dev.orderflow.lambda.http;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies field by field with exact types, so that every complaint names its field
 * ({@code orderItems[1].quantity: must be an integer}) and unknown fields are refused rather than ignored.
 */
public final class JsonBodies {

    private final JsonMapper json;

    public JsonBodies(JsonMapper json) {
        this.json = json;
    }

    /** The body as a JSON object with no fields but {@code allowed}. */
    public JsonNode object(String body, Set<String> allowed) {
        if (body == null || body.isBlank()) {
            throw new BadRequest("body", "is required");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequest("body", "is not valid JSON (" + parserProblem(e) + ")");
        }
        return object(root, "body", allowed);
    }

    public static JsonNode object(JsonNode node, String field, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new BadRequest(field, "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (!allowed.contains(property.getKey())) {
                String prefix = field.equals("body") ? "" : field + ".";
                throw new BadRequest(prefix + property.getKey(), "is not a known field");
            }
        }
        return node;
    }

    public static JsonNode array(JsonNode node, String field) {
        present(node, field);
        if (!node.isArray()) {
            throw new BadRequest(field, "must be an array");
        }
        return node;
    }

    public static String string(JsonNode node, String field) {
        present(node, field);
        if (!node.isString()) {
            throw new BadRequest(field, "must be a string");
        }
        return node.stringValue();
    }

    /** An integer that fits {@code int}; {@code range} completes the message, e.g. "between 1 and 10000". */
    public static int integer(JsonNode node, String field, String range) {
        present(node, field);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new BadRequest(field, "must be an integer " + range);
        }
        return node.intValue();
    }

    /** A missing field "is required"; one given as {@code null} "must not be null", which tells the client what it sent. */
    private static void present(JsonNode node, String field) {
        if (node == null || node.isMissingNode()) {
            throw new BadRequest(field, "is required");
        }
        if (node.isNull()) {
            throw new BadRequest(field, "must not be null");
        }
    }

    /** What the parser found wrong, in its words but without its internals (source, offsets, locations). */
    static String parserProblem(JacksonException e) {
        if (e instanceof tools.jackson.core.exc.StreamConstraintsException) {
            // its message names the parser's own settings (StreamReadConstraints.getMax...()): say the rule instead
            String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
            return message.contains("nesting")
                    ? "nested too deeply"
                    : message.contains("length") ? "a value is too long" : "too large to read";
        }
        String message = String.valueOf(e.getOriginalMessage());
        int internals = message.indexOf(" [Source:");
        if (internals < 0) {
            internals = message.indexOf("\n at [");
        }
        message = (internals < 0 ? message : message.substring(0, internals))
                .replaceAll("\\s+", " ")
                .strip();
        return message.length() <= 200 ? message : message.substring(0, 199) + "…";
    }

    /** A query parameter that must be a whole number when present. */
    public static Integer queryInteger(String value, String field, String range) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(field, "must be an integer " + range);
        }
    }
}
