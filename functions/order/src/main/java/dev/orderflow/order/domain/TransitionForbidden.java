package dev.orderflow.order.domain;

/** The state machine does not allow the requested change in the order's current state. */
public final class TransitionForbidden extends OrderException {

    public TransitionForbidden(String message) {
        super(message);
    }
}
