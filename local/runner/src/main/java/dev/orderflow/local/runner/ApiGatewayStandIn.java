package dev.orderflow.local.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for API Gateway's HTTP API: it serves exactly the template's routes, turns each request
 * into a payload-2.0 event, invokes the route's function through its Lambda handler, and turns the
 * function's response back into HTTP. Like API Gateway it answers 413 above 10 MB, 429
 * {@code {"message":"Too Many Requests"}} when every environment of the function stays busy for
 * {@link #MAX_QUEUE_WAIT} (Lambda throttles at its concurrency limit; requests never queue without bound), and 500
 * {@code {"message":"Internal Server Error"}} when a function fails instead of answering.
 */
final class ApiGatewayStandIn implements AutoCloseable {

    static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    /** How long a request may wait for a busy function before it is throttled. */
    static final java.time.Duration MAX_QUEUE_WAIT = java.time.Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ApiGatewayStandIn.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpRoutes routes;
    private final FunctionPool functions;

    private ApiGatewayStandIn(HttpServer server, ExecutorService workers, HttpRoutes routes, FunctionPool functions) {
        this.server = server;
        this.workers = workers;
        this.routes = routes;
        this.functions = functions;
    }

    static ApiGatewayStandIn start(String host, int port, HttpRoutes routes, FunctionPool functions) throws IOException {
        // without it the JDK server delays small responses on keep-alive connections by ~40 ms (Nagle)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
        ExecutorService workers = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "api-gateway");
            thread.setDaemon(true);
            return thread;
        });
        var gateway = new ApiGatewayStandIn(server, workers, routes, functions);
        server.createContext("/", gateway::handle);
        server.setExecutor(workers);
        server.start();
        return gateway;
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                reply(exchange, 413, Map.of("Content-Type", "application/json"), bytes("{\"message\":\"Request Entity Too Large\"}"));
                return;
            }
            Optional<HttpRoutes.Match> match = routes.match(method, decode(path));
            if (match.isEmpty()) {
                reply(exchange, 404, Map.of("Content-Type", "application/json"), bytes("{\"message\":\"Not Found\"}"));
                return;
            }
            byte[] event = JSON.writeValueAsBytes(event(exchange, method, path, body, match.get()));
            byte[] response;
            try {
                response = functions.invokeWithin(match.get().route().function(), event, MAX_QUEUE_WAIT);
            } catch (FunctionPool.Throttled e) {
                log.warn("429 for {} {}: {}", method, path, e.getMessage());
                reply(exchange, 429, Map.of("Content-Type", "application/json", "Retry-After", "1"),
                        bytes("{\"message\":\"Too Many Requests\"}"));
                return;
            } catch (RuntimeException e) {
                log.error("Function {} failed on {} {}", match.get().route().function(), method, path, e);
                reply(exchange, 500, Map.of("Content-Type", "application/json"), bytes("{\"message\":\"Internal Server Error\"}"));
                return;
            }
            respond(exchange, response);
        }
    }

    private ObjectNode event(HttpExchange exchange, String method, String rawPath, byte[] body, HttpRoutes.Match match) {
        ObjectNode event = JSON.createObjectNode();
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("cookie")) {
                headers.put(name.toLowerCase(Locale.ROOT), utf8(String.join(",", values)));
            }
        });
        List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        if (!cookies.isEmpty()) {
            var cookieArray = event.putArray("cookies");
            cookies.stream().flatMap(c -> java.util.Arrays.stream(c.split(";\\s*"))).forEach(cookieArray::add);
        }
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse(""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toInstant().toEpochMilli());
        if (!match.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach(parameters::put);
        }
        if (body.length > 0) {
            // text only when it is: bytes that are not UTF-8 reach the function as they are (base64), not as U+FFFD
            boolean text = isText(exchange.getRequestHeaders().getFirst("Content-Type")) && isUtf8(body);
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static void respond(HttpExchange exchange, byte[] functionResponse) throws IOException {
        JsonNode response = JSON.readTree(functionResponse);
        int status = response.path("statusCode").asInt(200);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
            headers.put(header.getKey(), header.getValue().asString());
        }
        String body = response.path("body").asString("");
        byte[] bytes = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body) : bytes(body);
        reply(exchange, status, headers, bytes);
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("apigw-requestid", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
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

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /**
     * A header value as the client sent it: the JDK server reads header bytes as ISO-8859-1; clients (and API
     * Gateway, which passes them on) send UTF-8, so {@code Idempotency-Key: ключ} arrives as {@code ключ}.
     */
    static String utf8(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : latin1;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("x-www-form-urlencoded");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
