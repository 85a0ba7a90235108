package dev.orderflow.order.domain;

/** An Idempotency-Key already used for a different request body, or still in use by a concurrent request. */
public final class IdempotencyKeyReused extends OrderException {

    public IdempotencyKeyReused() {
        this("Idempotency-Key was already used with a different request");
    }

    private IdempotencyKeyReused(String message) {
        super(message);
    }

    /** Another request with the same key is being stored right now; retrying shortly returns its order. */
    public static IdempotencyKeyReused inProgress() {
        return new IdempotencyKeyReused("a request with this Idempotency-Key is still in progress; retry");
    }
}
