package dev.orderflow.lambda.http;

/** The body of every response: {@code {"success": bool, "data": object|null, "error": string|null}}. */
public record ApiEnvelope(boolean success, Object data, String error) {

    public static ApiEnvelope ok(Object data) {
        return new ApiEnvelope(true, data, null);
    }

    public static ApiEnvelope failure(String error) {
        return new ApiEnvelope(false, null, error);
    }
}
