package dev.orderflow.inventory.adapter.function;

/**
 * The OAuth scope of the product writes, as the identity provider issues it and the template's routes require it
 * (TemplateConsistencyTest keeps the two equal). Reading products needs a valid token and no scope.
 */
public final class InventoryScopes {

    /** Adding, changing and restocking products: the warehouse and the back office. */
    public static final String WRITE = "orderflow/inventory:write";

    private InventoryScopes() {
    }
}
