package dev.orderflow.inventory.domain;

/** A product with this id exists already. */
public final class ProductExists extends InventoryException {

    public ProductExists(String productId) {
        super("product " + productId + " already exists");
    }
}
