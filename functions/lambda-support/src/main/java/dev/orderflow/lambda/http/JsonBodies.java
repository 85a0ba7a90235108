package dev.orderflow.lambda.http;

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
            throw new BadRequest("body", "is not valid JSON (" + e.getOriginalMessage() + ")");
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
        if (node == null || node.isNull()) {
            throw new BadRequest(field, "is required");
        }
        if (!node.isArray()) {
            throw new BadRequest(field, "must be an array");
        }
        return node;
    }

    public static String string(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new BadRequest(field, "is required");
        }
        if (!node.isString()) {
            throw new BadRequest(field, "must be a string");
        }
        return node.stringValue();
    }

    /** An integer that fits {@code int}; {@code range} completes the message, e.g. "between 1 and 10000". */
    public static int integer(JsonNode node, String field, String range) {
        if (node == null || node.isNull()) {
            throw new BadRequest(field, "is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new BadRequest(field, "must be an integer " + range);
        }
        return node.intValue();
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
