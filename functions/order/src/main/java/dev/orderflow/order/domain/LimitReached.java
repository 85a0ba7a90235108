package dev.orderflow.order.domain;

/** A customer's change would hold more than {@link CustomerLimits} allow (409: it conflicts with their open orders). */
public final class LimitReached extends OrderException {

    public LimitReached(String message) {
        super(message);
    }
}
