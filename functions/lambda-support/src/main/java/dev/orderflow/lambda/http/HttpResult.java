package dev.orderflow.lambda.http;

import java.util.Map;

/** A successful handler outcome: a status, the {@code data} of the envelope and extra headers. */
public record HttpResult(int status, Object data, Map<String, String> headers) {

    public static HttpResult ok(Object data) {
        return new HttpResult(200, data, Map.of());
    }

    public static HttpResult created(Object data, String location, Map<String, String> extraHeaders) {
        var headers = new java.util.HashMap<>(extraHeaders);
        headers.put("Location", location);
        return new HttpResult(201, data, Map.copyOf(headers));
    }
}
