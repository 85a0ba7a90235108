package dev.orderflow.order.domain;

/**
 * Inventory's decision about one line.
 *
 * @param quantity the quantity Inventory decided about; a line that asks for another quantity now is not concerned
 * @param executed true when the stock was reserved
 * @param reason   why not ({@code OUT_OF_STOCK}, {@code UNKNOWN_PRODUCT}) when not executed
 */
public record InventoryAnswer(String productId, int quantity, boolean executed, String reason) {}
