package dev.orderflow.order.domain;

/** No order has the requested id. */
public final class OrderNotFound extends OrderException {

    public OrderNotFound(String orderId) {
        super("order " + orderId + " not found");
    }
}
