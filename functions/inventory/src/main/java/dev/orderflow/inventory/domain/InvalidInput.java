package dev.orderflow.inventory.domain;

/** A request that breaks a rule of the inventory model; the message starts with the offending field. */
public final class InvalidInput extends InventoryException {

    public InvalidInput(String field, String problem) {
        super(field + ": " + problem);
    }
}
