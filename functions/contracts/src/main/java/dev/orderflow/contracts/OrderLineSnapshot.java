package dev.orderflow.contracts;

/**
 * One order line as it travels in order events.
 *
 * @param productId the product
 * @param quantity  units ordered, 1..10000
 * @param status    {@code PENDING}, {@code EXECUTED} or {@code CANCELED}
 * @param reason    why a line is {@code CANCELED}; null otherwise
 */
public record OrderLineSnapshot(String productId, int quantity, String status, String reason) {}
