package dev.orderflow.inventory.domain;

/**
 * A product to add, valid by construction.
 *
 * @param quantity          initial available stock, 0..1,000,000
 * @param lowStockThreshold 0..1,000,000, or null for the configured default
 */
public record NewProduct(String productId, String name, long quantity, Long lowStockThreshold) {

    public NewProduct {
        Product.checkId("productId", productId);
        Product.checkName(name);
        Product.checkRange("quantity", quantity, 0);
        if (lowStockThreshold != null) {
            Product.checkRange("lowStockThreshold", lowStockThreshold, 0);
        }
    }
}
