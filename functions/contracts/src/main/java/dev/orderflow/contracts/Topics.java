package dev.orderflow.contracts;

/** Default topic names. Deployments may override them through configuration; these are the local defaults. */
public final class Topics {

    /** Order lifecycle events published by Order Management, keyed by {@code orderId}. */
    public static final String ORDER_EVENTS = "order-events";

    /** Reservation outcomes published by Inventory, keyed by {@code orderId}. */
    public static final String INVENTORY_EVENTS = "inventory-events";

    /** Stock alerts published by Inventory, keyed by {@code productId}. */
    public static final String INVENTORY_ALERTS = "inventory-alerts";

    private Topics() {}
}
