package dev.orderflow.inventory.domain;

/** A change of a product's name and/or threshold; at least one of them. Stock changes only by restock and orders. */
public record ProductChange(String name, Long lowStockThreshold) {

    public ProductChange {
        if (name == null && lowStockThreshold == null) {
            throw new InvalidInput("body", "must contain name or lowStockThreshold");
        }
        Product.checkName(name);
        if (lowStockThreshold != null) {
            Product.checkRange("lowStockThreshold", lowStockThreshold, 0);
        }
    }
}
