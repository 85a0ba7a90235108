package dev.orderflow.local.runner.lambda;

import com.sun.net.httpserver.HttpExchange;
import dev.orderflow.local.runner.http.LocalHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service process's functions behind Lambda's Invoke API, as {@code sam local start-lambda} serves it and the AWS
 * SDK's Lambda client calls it: {@code POST /2015-03-31/functions/{name}/invocations} with the event as the body
 * answers 200 and the function's answer; a function that fails answers 200 with {@code X-Amz-Function-Error: Unhandled}
 * and {@code {"errorMessage", "errorType"}}; a function this process does not serve 404
 * {@code ResourceNotFoundException}; every environment busy for {@link Functions#MAX_QUEUE_WAIT}, 429
 * {@code TooManyRequestsException}. {@code GET /status} (ours, not AWS's) says who this is and how often each function
 * was invoked, for the supervisor's health checks and {@code local-runner status}.
 */
public final class InvokeApi implements AutoCloseable {

    public static final String STATUS_PATH = "/status";

    private static final Logger log = LoggerFactory.getLogger(InvokeApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INVOCATIONS = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    private LocalHttpServer server;
    private final FunctionPool functions;
    private final String name;

    private InvokeApi(FunctionPool functions, String name) {
        this.functions = functions;
        this.name = name;
    }

    /** @param name the process's name in logs and status, e.g. {@code inventory-2} */
    public static InvokeApi start(String host, int port, FunctionPool functions, String name) throws IOException {
        var api = new InvokeApi(functions, name);
        api.server = LocalHttpServer.start(host, port, "invoke-api", api::handle);
        return api;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(STATUS_PATH)) {
                reply(exchange, 200, Map.of(), status());
                return;
            }
            Matcher invocation = INVOCATIONS.matcher(path);
            if (!invocation.matches()) {
                reply(
                        exchange,
                        404,
                        Map.of("x-amzn-ErrorType", "UnknownOperationException"),
                        error("UnknownOperationException", "no such operation: " + method + " " + path));
                return;
            }
            if (!method.equals("POST")) {
                reply(exchange, 405, Map.of("Allow", "POST"), error("MethodNotAllowed", "invocations are POSTed"));
                return;
            }
            invoke(exchange, invocation.group(1), exchange.getRequestBody().readAllBytes());
        }
    }

    private void invoke(HttpExchange exchange, String function, byte[] event) throws IOException {
        if (!functions.serves(function)) {
            reply(
                    exchange,
                    404,
                    Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                    error(
                            "ResourceNotFoundException",
                            "Function not found: " + function + " (" + name
                                    + " serves its own service's functions only)"));
            return;
        }
        byte[] answer;
        try {
            answer = functions.invokeWithin(function, event, Functions.MAX_QUEUE_WAIT);
        } catch (Functions.Throttled e) {
            reply(
                    exchange,
                    429,
                    Map.of("x-amzn-ErrorType", "TooManyRequestsException", "Retry-After", "1"),
                    error("TooManyRequestsException", "Rate Exceeded: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            log.error("Function {} failed", function, e);
            ObjectNode failure = JSON.createObjectNode();
            failure.put("errorMessage", String.valueOf(e.getMessage()));
            failure.put("errorType", e.getClass().getName());
            reply(exchange, 200, Map.of("X-Amz-Function-Error", "Unhandled"), JSON.writeValueAsBytes(failure));
            return;
        }
        reply(exchange, 200, Map.of("X-Amz-Executed-Version", "$LATEST"), answer);
    }

    private byte[] status() {
        ObjectNode status = JSON.createObjectNode();
        status.put("name", name);
        status.put("pid", ProcessHandle.current().pid());
        status.put("status", "up");
        ObjectNode counts = status.putObject("functions");
        functions.counts().forEach((function, count) -> {
            ObjectNode entry = counts.putObject(function);
            entry.put("invocations", count[0]);
            entry.put("records", count[1]);
        });
        return JSON.writeValueAsBytes(status);
    }

    private static byte[] error(String type, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("Type", "User");
        error.put("message", message);
        error.put("__type", type);
        return JSON.writeValueAsBytes(error);
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** How long an invocation may take before its caller gives up: the function's timeout and a margin. */
    static Duration callerTimeout() {
        return Duration.ofSeconds(25);
    }
}
