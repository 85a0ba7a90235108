package dev.orderflow.order.domain;

/** Base of the failures the order model reports to its callers; each subtype maps to one client error. */
public abstract sealed class OrderException extends RuntimeException
        permits InvalidInput,
                OrderNotFound,
                TransitionForbidden,
                ConcurrentModification,
                IdempotencyKeyReused,
                NotPermitted,
                LimitReached {

    protected OrderException(String message) {
        super(message, null, false, false);
    }
}
