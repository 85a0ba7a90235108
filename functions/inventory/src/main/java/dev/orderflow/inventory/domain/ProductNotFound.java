package dev.orderflow.inventory.domain;

/** No product has the requested id. */
public final class ProductNotFound extends InventoryException {

    public ProductNotFound(String productId) {
        super("product " + productId + " not found");
    }
}
