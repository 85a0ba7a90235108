package dev.orderflow.inventory.domain;

/** Units added to a product's available stock: 1..1,000,000. */
public record Restock(String productId, long quantity) {

    public Restock {
        Product.checkId("productId", productId);
        Product.checkRange("quantity", quantity, 1);
    }
}
