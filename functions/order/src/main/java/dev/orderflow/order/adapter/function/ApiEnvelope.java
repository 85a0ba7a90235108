package dev.orderflow.order.adapter.function;

/** The body of every response: {@code {"success": bool, "data": object|null, "error": string|null}}. */
record ApiEnvelope(boolean success, Object data, String error) {

    static ApiEnvelope ok(Object data) {
        return new ApiEnvelope(true, data, null);
    }

    static ApiEnvelope failure(String error) {
        return new ApiEnvelope(false, null, error);
    }
}
