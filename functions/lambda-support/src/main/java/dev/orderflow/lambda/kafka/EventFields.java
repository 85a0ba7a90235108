package dev.orderflow.lambda.kafka;

import dev.orderflow.contracts.EventRules;
import dev.orderflow.contracts.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a consumed event and checks each against {@link EventRules} and {@link Identifiers} before
 * anything is done with it: a value of the wrong type, out of bounds or unknown is a {@link PoisonMessage} naming
 * the field and the rule - dead-lettered at once, nothing changed. No coercion: {@code "3"} is not a quantity.
 */
public final class EventFields {

    private EventFields() {}

    /** The event's {@code source} must be {@code expected}: another service's events are not this topic's. */
    public static void checkSource(JsonNode event, String expected) {
        String source = event.path("source").asString("");
        if (!source.equals(expected)) {
            throw new PoisonMessage("source: must be " + expected + ", the producer of this topic");
        }
    }

    /** An identifier, as the API would accept it ({@code pathSegment} for product ids). */
    public static String id(JsonNode node, String field, boolean pathSegment) {
        JsonNode value = CloudEventReader.required(node, field);
        String problem = value.isString() ? Identifiers.problem(value.asString(), pathSegment) : "must be a string";
        if (problem != null) {
            throw new PoisonMessage(field + ": " + problem);
        }
        return value.asString();
    }

    /** An order version: a whole number from 1. */
    public static long version(JsonNode node, String field) {
        JsonNode value = CloudEventReader.required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw new PoisonMessage(field + ": must be a whole number from 1");
        }
        return value.longValue();
    }

    /** A line's quantity: {@value EventRules#MIN_QUANTITY} to {@value EventRules#MAX_QUANTITY}. */
    public static int quantity(JsonNode node, String field) {
        JsonNode value = CloudEventReader.required(node, field);
        if (!value.isIntegralNumber()
                || !value.canConvertToInt()
                || value.intValue() < EventRules.MIN_QUANTITY
                || value.intValue() > EventRules.MAX_QUANTITY) {
            throw new PoisonMessage(field + ": must be a whole number from " + EventRules.MIN_QUANTITY + " to "
                    + EventRules.MAX_QUANTITY);
        }
        return value.intValue();
    }

    /** One of {@code known}. */
    public static String oneOf(JsonNode node, String field, Set<String> known) {
        JsonNode value = CloudEventReader.required(node, field);
        if (!value.isString() || !known.contains(value.asString())) {
            throw new PoisonMessage(field + ": must be one of " + new TreeSet<>(known));
        }
        return value.asString();
    }

    /** Null, or one of {@code known}. */
    public static String optionalOneOf(JsonNode node, String field, Set<String> known) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : oneOf(node, field, known);
    }

    /** The lines of an order: 1 to {@value EventRules#MAX_LINES}, each product once. */
    public static List<JsonNode> lines(JsonNode node, String field) {
        return lines(node, field, 1);
    }

    /** The lines of an order or an answer: {@code min} to {@value EventRules#MAX_LINES}, each product once. */
    public static List<JsonNode> lines(JsonNode node, String field, int min) {
        JsonNode value = CloudEventReader.required(node, field);
        if (!value.isArray() || value.size() < min || value.size() > EventRules.MAX_LINES) {
            throw new PoisonMessage(field + ": must hold " + min + " to " + EventRules.MAX_LINES + " lines");
        }
        List<JsonNode> lines = new ArrayList<>();
        Set<String> products = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode line = value.get(i);
            if (!line.isObject()) {
                throw new PoisonMessage(field + "[" + i + "]: must be an object");
            }
            if (!products.add(id(line, "productId", true))) {
                throw new PoisonMessage(field + "[" + i + "].productId: names a product twice");
            }
            lines.add(line);
        }
        return lines;
    }
}
