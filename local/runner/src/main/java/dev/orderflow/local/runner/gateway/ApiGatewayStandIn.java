package dev.orderflow.local.runner.gateway;

import com.sun.net.httpserver.HttpExchange;
import dev.orderflow.local.runner.auth.ConsoleSignIn;
import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.auth.JwtAuthorizer;
import dev.orderflow.local.runner.http.HttpReply;
import dev.orderflow.local.runner.http.LocalHttpServer;
import dev.orderflow.local.runner.lambda.Functions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for API Gateway's HTTP API: it serves exactly the template's routes, turns each request
 * into a payload-2.0 event, invokes the route's function through its Lambda handler, and turns the
 * function's response back into HTTP. Before a guarded route's function runs, the API's JWT authorizer checks the
 * token ({@link GatewayAuthorization}): 401 {@code {"message":"Unauthorized"}} or 403 {@code {"message":"Forbidden"}}
 * with API Gateway's {@code www-authenticate}. When the runner is its own issuer it also serves
 * {@code /.well-known/openid-configuration} and {@code /.well-known/jwks.json}. Like API Gateway it answers 413 above 10 MB, 429
 * {@code {"message":"Too Many Requests"}} when every environment of the function stays busy for
 * {@link Functions#MAX_QUEUE_WAIT} (Lambda throttles at its concurrency limit; requests never queue without bound), and 500
 * {@code {"message":"Internal Server Error"}} when a function fails instead of answering. The functions run in their
 * services' processes, reached through Lambda's Invoke API ({@link RemoteFunctions}); while a service has no live
 * process its routes answer 503 {@code {"message":"Service Unavailable"}} with {@code Retry-After} at once, never a hang.
 */
public final class ApiGatewayStandIn implements AutoCloseable {

    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** Seconds a client is asked to wait while a service has no live process (a supervised one is back in a few). */
    static final String RETRY_AFTER_UNAVAILABLE = "2";

    private static final Logger log = LoggerFactory.getLogger(ApiGatewayStandIn.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger access = LoggerFactory.getLogger("dev.orderflow.local.runner.AccessLog");
    private static final DateTimeFormatter ACCESS_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private LocalHttpServer server;
    private final HttpRoutes routes;
    private final Functions functions;
    private final GatewayAuthorization authorization;
    private final DevelopmentIssuer issuer;
    private final ConsoleSite site;
    private final ConsoleSignIn signIn;
    private final Runnable afterWrite;

    private ApiGatewayStandIn(
            HttpRoutes routes,
            Functions functions,
            GatewayAuthorization authorization,
            DevelopmentIssuer issuer,
            ConsoleSite site,
            ConsoleSignIn signIn,
            Runnable afterWrite) {
        this.routes = routes;
        this.functions = functions;
        this.authorization = authorization;
        this.issuer = issuer;
        this.site = site;
        this.signIn = signIn;
        this.afterWrite = afterWrite;
    }

    /**
     * @param issuer     the runner's own issuer, whose keys it serves; null when tokens come from elsewhere
     * @param site       the back-office console, served at / as CloudFront serves it on AWS
     * @param signIn     the development issuer's sign-in for the console; null when tokens come from elsewhere
     * @param afterWrite told after a function answered a request that may have written (any method but GET and HEAD)
     */
    public static ApiGatewayStandIn start(
            String host,
            int port,
            HttpRoutes routes,
            Functions functions,
            GatewayAuthorization authorization,
            DevelopmentIssuer issuer,
            ConsoleSite site,
            ConsoleSignIn signIn,
            Runnable afterWrite)
            throws IOException {
        var gateway = new ApiGatewayStandIn(routes, functions, authorization, issuer, site, signIn, afterWrite);
        gateway.server = LocalHttpServer.start(host, port, "api-gateway", gateway::handle);
        return gateway;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        var served = new Served(exchange.getRequestMethod().toUpperCase(Locale.ROOT), requestId);
        try (exchange) {
            serve(exchange, served);
        } finally {
            accessLog(exchange, served, started);
        }
    }

    /** What the access log says of a request. */
    private static final class Served {

        final String method;
        final String requestId;
        String routeKey = "-";
        int status;
        long integrationNanos = -1;

        Served(String method, String requestId) {
            this.method = method;
            this.requestId = requestId;
        }
    }

    private void serve(HttpExchange exchange, Served served) throws IOException {
        String method = served.method;
        String path = rawPath(exchange.getRequestURI());
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            reply(
                    exchange,
                    served,
                    413,
                    Map.of("Content-Type", "application/json"),
                    bytes("{\"message\":\"Request Entity Too Large\"}"));
            return;
        }
        if (issuer != null && method.equals("GET") && servesIssuer(exchange, served, path)) {
            return;
        }
        if (signIn != null && ConsoleSignIn.handles(path)) {
            served.routeKey = "sign-in " + path;
            send(
                    exchange,
                    served,
                    signIn.handle(method, path, exchange.getRequestURI().getRawQuery(), body));
            return;
        }
        if (ConsoleSite.handles(path)) {
            served.routeKey = "console";
            send(exchange, served, site.serve(method, path));
            return;
        }
        Optional<HttpRoutes.Match> match = routes.match(method, HttpApiEvent.decode(path));
        if (match.isEmpty()) {
            reply(
                    exchange,
                    served,
                    404,
                    Map.of("Content-Type", "application/json"),
                    bytes("{\"message\":\"Not Found\"}"));
            return;
        }
        served.routeKey = match.get().route().routeKey();
        JwtAuthorizer.Verified caller;
        try {
            caller = authorization.authorize(
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    match.get().route());
        } catch (JwtAuthorizer.Denied denied) {
            reply(
                    exchange,
                    served,
                    denied.status,
                    Map.of("Content-Type", "application/json", "www-authenticate", denied.wwwAuthenticate),
                    bytes(denied.status == 401 ? "{\"message\":\"Unauthorized\"}" : "{\"message\":\"Forbidden\"}"));
            return;
        }
        byte[] event = JSON.writeValueAsBytes(
                HttpApiEvent.of(exchange, method, path, body, match.get(), served.requestId, caller));
        byte[] response;
        long invoked = System.nanoTime();
        try {
            response = functions.invokeWithin(match.get().route().function(), event, Functions.MAX_QUEUE_WAIT);
        } catch (Functions.Throttled e) {
            log.warn("429 for {} {}: {}", method, path, e.getMessage());
            reply(
                    exchange,
                    served,
                    429,
                    Map.of("Content-Type", "application/json", "Retry-After", "1"),
                    bytes("{\"message\":\"Too Many Requests\"}"));
            return;
        } catch (Functions.Unavailable e) {
            reply(
                    exchange,
                    served,
                    503,
                    Map.of("Content-Type", "application/json", "Retry-After", RETRY_AFTER_UNAVAILABLE),
                    bytes("{\"message\":\"Service Unavailable\"}"));
            return;
        } catch (RuntimeException e) {
            log.error("Function {} failed on {} {}", match.get().route().function(), method, path, e);
            reply(
                    exchange,
                    served,
                    500,
                    Map.of("Content-Type", "application/json"),
                    bytes("{\"message\":\"Internal Server Error\"}"));
            return;
        } finally {
            served.integrationNanos = System.nanoTime() - invoked;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            afterWrite.run();
        }
        respond(exchange, served, response);
    }

    private static void send(HttpExchange exchange, Served served, HttpReply reply) throws IOException {
        reply(exchange, served, reply.status(), reply.headers(), reply.body());
    }

    /** The development issuer's discovery document and keys; false for any other path. */
    private boolean servesIssuer(HttpExchange exchange, Served served, String path) throws IOException {
        String document =
                switch (path) {
                    case "/.well-known/jwks.json" -> issuer.publicKeys().toString();
                    case "/.well-known/openid-configuration" -> JSON.writeValueAsString(issuer.discovery());
                    default -> null;
                };
        if (document == null) {
            return false;
        }
        served.routeKey = "issuer " + path;
        reply(exchange, served, 200, Map.of("Content-Type", "application/json"), bytes(document));
        return true;
    }

    /**
     * The request's path as sent: the JDK reads a target such as {@code //inventory/products} as an authority
     * ({@code inventory}) and a path; API Gateway routes on the path as sent.
     */
    private static String rawPath(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() == null && uri.getRawAuthority() != null ? "//" + uri.getRawAuthority() + path : path;
    }

    /** One line per request, with the fields of the template's API Gateway access log format. */
    private static void accessLog(HttpExchange exchange, Served served, long started) {
        ObjectNode line = JSON.createObjectNode();
        line.put("requestId", served.requestId);
        line.put("routeKey", served.routeKey);
        line.put("status", Integer.toString(served.status));
        line.put("latencyMs", Long.toString((System.nanoTime() - started) / 1_000_000));
        line.put(
                "integrationLatencyMs",
                served.integrationNanos < 0 ? "-" : Long.toString(served.integrationNanos / 1_000_000));
        line.put("ip", exchange.getRemoteAddress().getAddress().getHostAddress());
        line.put("time", ACCESS_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        access.info("{} {} {}", served.method, exchange.getRequestURI().getRawPath(), line);
    }

    private static void respond(HttpExchange exchange, Served served, byte[] functionResponse) throws IOException {
        JsonNode response = JSON.readTree(functionResponse);
        int status = response.path("statusCode").asInt(200);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
            headers.put(header.getKey(), header.getValue().asString());
        }
        String body = response.path("body").asString("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(body)
                : bytes(body);
        reply(exchange, served, status, headers, bytes);
    }

    private static void reply(
            HttpExchange exchange, Served served, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        served.status = status;
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        // API Gateway's request id: the same as the event's requestContext.requestId
        exchange.getResponseHeaders().set("apigw-requestid", served.requestId);
        boolean head = served.method.equals("HEAD");
        exchange.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The body, or null when it is larger than API Gateway accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        return body.length > MAX_REQUEST_BYTES ? null : body;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
