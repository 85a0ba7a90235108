package dev.orderflow.order.domain;

/**
 * An answer of Inventory that cannot be true given the order (for a version the order never had, or about a product
 * the order does not hold): whoever sent it, it must change nothing. The consumer dead-letters it as poison.
 */
public final class ImplausibleEvent extends RuntimeException {

    public ImplausibleEvent(String message) {
        super(message, null, false, false);
    }
}
