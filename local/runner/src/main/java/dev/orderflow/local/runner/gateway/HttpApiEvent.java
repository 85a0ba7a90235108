package dev.orderflow.local.runner.gateway;

import com.sun.net.httpserver.HttpExchange;
import dev.orderflow.local.runner.auth.JwtAuthorizer;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An HTTP request as API Gateway's HTTP API hands it to a function: the payload 2.0 event, with header names in
 * lower case and their values as UTF-8, query parameters decoded (repeated ones joined by commas), cookies apart,
 * path parameters of the matched route, and the body as text when it is UTF-8 text, else base64.
 */
final class HttpApiEvent {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private HttpApiEvent() {}

    /** @param caller what the authorizer verified, placed where API Gateway puts it; null for a route without one */
    static ObjectNode of(
            HttpExchange exchange,
            String method,
            String rawPath,
            byte[] body,
            HttpRoutes.Match match,
            String requestId,
            JwtAuthorizer.Verified caller) {
        ObjectNode event = JSON.createObjectNode();
        String rawQuery =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
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
            cookies.stream().flatMap(c -> Arrays.stream(c.split(";\\s*"))).forEach(cookieArray::add);
        }
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        if (caller != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            caller.claims().forEach(claims::put);
            if (caller.scopes() == null) {
                jwt.putNull("scopes");
            } else {
                caller.scopes().forEach(jwt.putArray("scopes")::add);
            }
        }
        context.put("domainName", "127.0.0.1");
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put(
                "userAgent",
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent"))
                        .orElse(""));
        context.put("requestId", requestId);
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
            event.put(
                    "body",
                    text
                            ? new String(body, StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
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
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("x-www-form-urlencoded");
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
