package dev.orderflow.order.adapter.function;

/**
 * The OAuth scopes of the order routes, as the identity provider issues them and the template's routes require them
 * (TemplateConsistencyTest keeps the two equal). A route needs one of them; which one decides the requester.
 */
public final class OrderScopes {

    /** A customer acting for themself: the storefront's tokens. */
    public static final String CUSTOMER = "orderflow/orders";
    /** The back office: support, the payment service, the warehouse. */
    public static final String BACK_OFFICE = "orderflow/orders:admin";

    private OrderScopes() {}
}
