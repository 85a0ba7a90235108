package dev.orderflow.lambda.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A successful handler outcome: a status, the {@code data} of the envelope and extra headers. */
public record HttpResult(int status, Object data, Map<String, String> headers) {

    public static HttpResult ok(Object data) {
        return new HttpResult(200, data, Map.of());
    }

    /**
     * A path of {@code segments}, each percent-encoded as an RFC 3986 path segment (UTF-8), so that any id reaches a
     * client as a valid, ASCII {@code Location}: {@code path("inventory", "products", "tea pot")} is
     * {@code /inventory/products/tea%20pot}.
     */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/');
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xFF);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
                    path.append(c);
                } else {
                    path.append('%')
                            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        return path.toString();
    }

    /** 201 with {@code Location}: build it with {@link #path}, so ids are encoded. */
    public static HttpResult created(Object data, String location, Map<String, String> extraHeaders) {
        var headers = new HashMap<>(extraHeaders);
        headers.put("Location", location);
        return new HttpResult(201, data, Map.copyOf(headers));
    }
}
