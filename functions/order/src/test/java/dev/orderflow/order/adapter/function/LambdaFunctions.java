package dev.orderflow.order.adapter.function;

import dev.orderflow.lambda.ApiGatewayFunctionInvoker;
import dev.orderflow.order.config.OrderApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls function beans exactly as the Lambda Java runtime does: event bytes into the deployed handler's
 * {@link ApiGatewayFunctionInvoker#handleRequest}, response bytes out. One invoker (and Spring context)
 * per function, as one Lambda per function bean on AWS.
 */
final class LambdaFunctions {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, ApiGatewayFunctionInvoker> invokers = new ConcurrentHashMap<>();

    LambdaFunctions(Map<String, String> environment) {
        System.setProperty("MAIN_CLASS", OrderApplication.class.getName());
        System.setProperty("spring.main.banner-mode", "off");
        environment.forEach(System::setProperty);
    }

    /** Invokes {@code function} with the event in {@code src/test/resources/events/<file>}, changed by {@code edit}. */
    JsonNode invoke(String function, String eventFile, Consumer<ObjectNode> edit) {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("events/" + eventFile));
        edit.accept(event);
        return invoke(function, JSON.writeValueAsBytes(event));
    }

    JsonNode invoke(String function, byte[] event) {
        ApiGatewayFunctionInvoker invoker = invokers.computeIfAbsent(function, ApiGatewayFunctionInvoker::new);
        return JSON.readTree(invoker.invoke(function, event, 30_000));
    }

    static String resource(String name) {
        try (InputStream in = LambdaFunctions.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
