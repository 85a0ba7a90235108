package dev.orderflow.inventory.domain;

/**
 * An order event that cannot be true given what Inventory holds for the order (its version far beyond the last one
 * applied): whoever sent it, it must change nothing. The consumer dead-letters it as poison.
 */
public final class ImplausibleEvent extends RuntimeException {

    public ImplausibleEvent(String message) {
        super(message, null, false, false);
    }
}
