package dev.orderflow.order.domain;

/** The requester is known but may not do this to orders (a customer setting SHIPPED, say); see {@link Requester}. */
public final class NotPermitted extends OrderException {

    public NotPermitted(String message) {
        super(message);
    }
}
