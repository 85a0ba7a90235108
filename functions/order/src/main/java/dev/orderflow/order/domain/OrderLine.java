package dev.orderflow.order.domain;

/**
 * One product in an order.
 *
 * @param productId the product, unique within the order
 * @param quantity  1..10000 units
 * @param status    PENDING until Inventory answers
 * @param reason    why the line is CANCELED (e.g. {@code OUT_OF_STOCK}, {@link #CANCELED_BY_CUSTOMER}); null otherwise
 */
public record OrderLine(String productId, int quantity, LineStatus status, String reason) {

    public static final String CANCELED_BY_CUSTOMER = "CANCELED_BY_CUSTOMER";
    public static final String ORDER_CANCELED = "ORDER_CANCELED";

    public static OrderLine pending(String productId, int quantity) {
        return new OrderLine(productId, quantity, LineStatus.PENDING, null);
    }

    OrderLine withQuantity(int newQuantity) {
        return new OrderLine(productId, newQuantity, LineStatus.PENDING, null);
    }

    OrderLine canceled(String why) {
        return new OrderLine(productId, quantity, LineStatus.CANCELED, why);
    }

    boolean canceledByCustomer() {
        return status == LineStatus.CANCELED && (CANCELED_BY_CUSTOMER.equals(reason) || ORDER_CANCELED.equals(reason));
    }
}
