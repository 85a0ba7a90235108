package dev.orderflow.lambda.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.orderflow.contracts.TraceContext;
import dev.orderflow.lambda.Failures;
import dev.orderflow.lambda.trace.Traces;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a handler for an API Gateway HTTP API (payload 2.0) request and turns every outcome into a response
 * in the envelope: 401 when no JWT authorizer verified the caller (API Gateway refuses such requests before they
 * reach a function; the function refuses them too, whoever calls it); the handler's result; 403 for a missing scope
 * ({@link Forbidden}); a client error (the service's {@link ClientErrors} says which of its exceptions are, and with
 * which status); 413 for a body over 64 KiB, 415 for a body that is not JSON;
 * 503 with {@code Retry-After} when a store or broker did not answer in time ({@link Failures#isTransient}: the
 * client may retry, with the same Idempotency-Key for a new order); and 500 for anything else, with a
 * correlation id. Each failed request is one WARN line with that id; its stack trace is logged at DEBUG, or at
 * ERROR for an unexpected failure. No stack trace or exception text reaches the client.
 */
public final class HttpExchange {

    /** Which exceptions are the client's fault, and their status (0 when the exception is not a client error). */
    @FunctionalInterface
    public interface ClientErrors {
        int statusOf(RuntimeException e);
    }

    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /** What a 503 asks the client to wait before trying again: about one store call timeout. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** The logging context key under which every log line of a request carries its correlation id. */
    public static final String CORRELATION_MDC_KEY = Traces.CORRELATION_ID;

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);
    private static final Pattern CLIENT_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final JsonMapper json;
    private final ClientErrors clientErrors;

    public HttpExchange(JsonMapper json, ClientErrors clientErrors) {
        this.json = json;
        this.clientErrors = clientErrors;
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Function<HttpRequest, HttpResult> handler) {
        String correlationId = correlationId(event);
        // the request's trace: what every event it causes carries on (Traces.forNewEvent)
        String traceparent = Traces.traceparentOf(header(event, "traceparent"), header(event, "x-amzn-trace-id"));
        try (var traced = Traces.open(new TraceContext(correlationId, traceparent))) {
            return handle(event, handler, correlationId);
        }
    }

    private APIGatewayV2HTTPResponse handle(
            APIGatewayV2HTTPEvent event, Function<HttpRequest, HttpResult> handler, String correlationId) {
        Caller caller = Caller.of(event).orElse(null);
        if (caller == null) {
            return respond(
                    401,
                    ApiEnvelope.failure("unauthorized: no verified caller; send Authorization: Bearer <access token>"),
                    Map.of("WWW-Authenticate", "Bearer"),
                    correlationId);
        }
        try {
            HttpResult result = handler.apply(request(event, caller));
            return respond(result.status(), ApiEnvelope.ok(result.data()), result.headers(), correlationId);
        } catch (ClientError e) {
            return respond(e.status, ApiEnvelope.failure(e.getMessage()), Map.of(), correlationId);
        } catch (BadRequest e) {
            return respond(400, ApiEnvelope.failure(e.getMessage()), Map.of(), correlationId);
        } catch (Forbidden e) {
            return respond(403, ApiEnvelope.failure(e.getMessage()), Map.of(), correlationId);
        } catch (RuntimeException e) {
            int status = clientErrors.statusOf(e);
            if (status >= 400 && status < 500) {
                return respond(status, ApiEnvelope.failure(e.getMessage()), Map.of(), correlationId);
            }
            if (Failures.isTransient(e)) {
                log.warn("503 for {} {}: {}", method(event), event.getRawPath(), Failures.summary(e));
                log.debug("The failure behind correlation id {}", correlationId, e);
                return respond(
                        503,
                        ApiEnvelope.failure("temporarily unavailable: a store did not answer in time; retry after "
                                + RETRY_AFTER_SECONDS + " seconds"),
                        Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)),
                        correlationId);
            }
            if (e instanceof software.amazon.awssdk.services.dynamodb.model.DynamoDbException dynamo
                    && dynamo.awsErrorDetails() != null
                    && "ValidationException".equals(dynamo.awsErrorDetails().errorCode())) {
                // every input is checked before a request is built (Identifiers, cursors): DynamoDB refusing one is our
                // bug
                log.error(
                        "BUG: DynamoDB refused a request this function built for {} {} (ValidationException): {}",
                        method(event),
                        event.getRawPath(),
                        Failures.summary(e),
                        e);
                return respond(
                        500,
                        ApiEnvelope.failure("internal error; correlation id " + correlationId),
                        Map.of(),
                        correlationId);
            }
            log.error("500 for {} {}: {}", method(event), event.getRawPath(), Failures.summary(e), e);
            return respond(
                    500,
                    ApiEnvelope.failure("internal error; correlation id " + correlationId),
                    Map.of(),
                    correlationId);
        }
    }

    /**
     * The answer for a request no route matched (API Gateway's {@code $default} route): 405 with {@code Allow} when
     * {@code routes} know its path with other methods (HEAD included: the API serves no HEAD), else 404.
     */
    public APIGatewayV2HTTPResponse notFound(APIGatewayV2HTTPEvent event, RouteTable routes) {
        String method = method(event);
        List<String> allowed = routes.methodsFor(event.getRawPath());
        if (allowed.contains(method)) {
            // the path matches a route of this very method only while a segment holds an encoded '/', which API Gateway
            // decodes before it routes: no route takes it
            return respond(
                    404,
                    ApiEnvelope.failure("no route for " + method + " " + event.getRawPath()
                            + ": a path segment must not contain an encoded '/' (%2F)"),
                    Map.of(),
                    correlationId(event));
        }
        if (!allowed.isEmpty()) {
            String allow = String.join(", ", allowed);
            return respond(
                    405,
                    ApiEnvelope.failure(
                            "method " + method + " is not allowed on " + event.getRawPath() + "; allowed: " + allow),
                    Map.of("Allow", allow),
                    correlationId(event));
        }
        return respond(
                404,
                ApiEnvelope.failure("no route for " + method + " " + event.getRawPath()),
                Map.of(),
                correlationId(event));
    }

    private APIGatewayV2HTTPResponse respond(
            int status, ApiEnvelope body, Map<String, String> extraHeaders, String correlationId) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json");
        headers.put(CORRELATION_HEADER, correlationId);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(json.writeValueAsString(body))
                .withIsBase64Encoded(false)
                .build();
    }

    private static HttpRequest request(APIGatewayV2HTTPEvent event, Caller caller) {
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        String body = body(event, headers.get("content-type"));
        return new HttpRequest(
                method(event),
                event.getRawPath(),
                caller,
                orEmpty(event.getPathParameters()),
                orEmpty(event.getQueryStringParameters()),
                headers,
                body);
    }

    private static String body(APIGatewayV2HTTPEvent event, String contentType) {
        String raw = event.getBody();
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        byte[] bytes = event.getIsBase64Encoded() ? decodeBase64(raw) : raw.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ClientError(413, "body: must be at most " + MAX_BODY_BYTES + " bytes");
        }
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ClientError(415, "Content-Type: must be application/json");
        }
        String charset = charsetOf(contentType);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
            throw new ClientError(415, "Content-Type: the charset must be UTF-8, not " + charset);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ClientError(400, "body: must be UTF-8 encoded JSON");
        }
    }

    /** The {@code charset} parameter of a media type, lower case and unquoted; null when there is none. */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                return pair[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static byte[] decodeBase64(String raw) {
        try {
            return Base64.getDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw new ClientError(400, "body: is not valid base64");
        }
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context != null && context.getHttp() != null ? context.getHttp().getMethod() : "?";
    }

    /**
     * The id a support engineer finds a request by: the client's own {@code X-Correlation-Id} when it is a plain token
     * (1 to 128 of {@code A-Z a-z 0-9 . _ : -}), else API Gateway's request id (its {@code apigw-requestid}).
     */
    static String correlationId(APIGatewayV2HTTPEvent event) {
        String own = header(event, CORRELATION_HEADER);
        if (own != null && CLIENT_CORRELATION_ID.matcher(own).matches()) {
            return own;
        }
        var context = event.getRequestContext();
        return context != null && context.getRequestId() != null
                ? context.getRequestId()
                : UUID.randomUUID().toString();
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() != null) {
            for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue();
                }
            }
        }
        return null;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    /** A failure of the HTTP envelope itself (size, media type, encoding), before any use case runs. */
    static final class ClientError extends RuntimeException {

        final int status;

        ClientError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
