package dev.orderflow.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protects API Gateway events from a Spring Cloud Function behaviour: when an HTTP request's body is a
 * JSON array, {@code AWSLambdaUtils} and {@code SimpleFunctionRegistry} treat the body as a batch of
 * inputs and try to turn each element into the function's input type (an {@code APIGatewayV2HTTPEvent}),
 * which fails before our code runs, so a client posting {@code [1,2]} would get a bare 500 instead of a
 * 400 naming the problem. Re-encoding such a body as base64 (and setting {@code isBase64Encoded}) carries
 * exactly the same bytes to the function, which decodes base64 bodies as API Gateway requires anyway.
 */
public final class ApiGatewayEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiGatewayEvents() {}

    /**
     * The event unchanged, unless it is an API Gateway request with a plain-text JSON-array body. Every
     * invocation passes here (stream and Kafka batches too), so the event is only scanned, top-level fields
     * only, without building a tree; the tree is built for the rare body that needs re-encoding.
     */
    public static byte[] shieldArrayBody(byte[] event) {
        return hasPlainArrayBody(event) ? reencodeBody(event) : event;
    }

    private static boolean hasPlainArrayBody(byte[] event) {
        boolean request = false;
        boolean arrayBody = false;
        boolean base64 = false;
        try (JsonParser parser = JSON.createParser(event)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "routeKey", "httpMethod" -> request = true;
                    case "body" -> {
                        if (value != JsonToken.VALUE_STRING
                                || !parser.getString().strip().startsWith("[")) {
                            return false;
                        }
                        arrayBody = true;
                    }
                    case "isBase64Encoded" -> base64 = value == JsonToken.VALUE_TRUE;
                    default -> parser.skipChildren();
                }
            }
            return request && arrayBody && !base64;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static byte[] reencodeBody(byte[] event) {
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (JacksonException e) {
            return event;
        }
        if (!(root instanceof ObjectNode request) || !request.has("routeKey") && !request.has("httpMethod")) {
            return event;
        }
        JsonNode body = request.get("body");
        if (body == null
                || !body.isString()
                || request.path("isBase64Encoded").asBoolean(false)
                || !body.stringValue().strip().startsWith("[")) {
            return event;
        }
        request.put(
                "body", Base64.getEncoder().encodeToString(body.stringValue().getBytes(StandardCharsets.UTF_8)));
        request.put("isBase64Encoded", true);
        return JSON.writeValueAsBytes(request);
    }
}
