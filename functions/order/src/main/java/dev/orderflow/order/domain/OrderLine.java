package dev.orderflow.order.domain;

/**
 * One product in an order.
 *
 * @param productId the product, unique within the order
 * @param quantity  1..10000 units
 * @param status    PENDING until Inventory answers
 * @param reason    why the line is CANCELED (e.g. {@code OUT_OF_STOCK}, {@link #CANCELED_BY_CUSTOMER}); null otherwise
 * @param revision  the order version at which the line last became PENDING: an inventory answer about an
 *                  older version says nothing about this line any more
 */
public record OrderLine(String productId, int quantity, LineStatus status, String reason, long revision) {

    public static final String CANCELED_BY_CUSTOMER = "CANCELED_BY_CUSTOMER";
    public static final String ORDER_CANCELED = "ORDER_CANCELED";
    public static final String INVENTORY_TIMEOUT = "INVENTORY_TIMEOUT";
    /** The order was not paid within the payment hold; Inventory releases what the line held. */
    public static final String PAYMENT_TIMEOUT = "PAYMENT_TIMEOUT";

    public static OrderLine pending(String productId, int quantity, long revision) {
        return new OrderLine(productId, quantity, LineStatus.PENDING, null, revision);
    }

    OrderLine withQuantity(int newQuantity, long atVersion) {
        return new OrderLine(productId, newQuantity, LineStatus.PENDING, null, atVersion);
    }

    OrderLine canceled(String why) {
        return new OrderLine(productId, quantity, LineStatus.CANCELED, why, revision);
    }

    OrderLine executed() {
        return new OrderLine(productId, quantity, LineStatus.EXECUTED, null, revision);
    }

    boolean canceledByCustomer() {
        return status == LineStatus.CANCELED && (CANCELED_BY_CUSTOMER.equals(reason) || ORDER_CANCELED.equals(reason));
    }
}
