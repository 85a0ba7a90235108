package dev.orderflow.inventory.domain;

/** Base of the failures Inventory reports to its callers; each subtype maps to one client error. */
public abstract sealed class InventoryException extends RuntimeException
        permits InvalidInput, ProductNotFound, ProductExists {

    protected InventoryException(String message) {
        super(message, null, false, false);
    }
}
