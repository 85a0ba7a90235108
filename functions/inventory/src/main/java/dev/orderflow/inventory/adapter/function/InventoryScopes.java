package dev.orderflow.inventory.adapter.function;

import java.util.List;

/**
 * The OAuth scopes of the product routes, as the identity provider issues them and the template's routes require
 * them (TemplateConsistencyTest keeps the two equal). Reading products needs one of the scopes every token of the
 * API's own clients carries - a storefront customer's, the back office's, the warehouse's - so a token of the
 * audience that is none of theirs (an ID token, a client with no API scope) reads nothing.
 */
public final class InventoryScopes {

    /** Adding, changing and restocking products: the warehouse and the back office. */
    public static final String WRITE = "orderflow/inventory:write";

    /** Reading products: anyone of the shop's clients - customers ({@code orderflow/orders}), the back office, the warehouse. */
    public static final List<String> READ = List.of("orderflow/orders", "orderflow/orders:admin", WRITE);

    /** Reading the stock alerts: the shop's staff - the back office and the warehouse. */
    public static final List<String> STAFF = List.of("orderflow/orders:admin", WRITE);

    private InventoryScopes() {}
}
