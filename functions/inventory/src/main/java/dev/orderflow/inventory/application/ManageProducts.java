package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.InvalidInput;
import dev.orderflow.inventory.domain.NewProduct;
import dev.orderflow.inventory.domain.Product;
import dev.orderflow.inventory.domain.ProductChange;
import dev.orderflow.inventory.domain.ProductNotFound;
import dev.orderflow.inventory.domain.Restock;
import java.time.Clock;

/**
 * The product catalogue's operations behind {@code /inventory/products}: add, read, list, restock, change.
 * Each is a single store call; they share this class because none has rules beyond the domain's.
 */
public final class ManageProducts {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Stock stock;
    private final Clock clock;
    private final long defaultLowStockThreshold;

    public ManageProducts(Stock stock, Clock clock, long defaultLowStockThreshold) {
        this.stock = stock;
        this.clock = clock;
        this.defaultLowStockThreshold = defaultLowStockThreshold;
    }

    public Product add(NewProduct product) {
        long threshold = product.lowStockThreshold() == null ? defaultLowStockThreshold : product.lowStockThreshold();
        return stock.add(product, threshold, clock.instant());
    }

    public Product get(String productId) {
        Product.checkId("productId", productId);
        return stock.find(productId).orElseThrow(() -> new ProductNotFound(productId));
    }

    public ProductPage list(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be an integer between 1 and " + MAX_LIMIT);
        }
        return stock.list(size, cursor);
    }

    public Product restock(Restock restock) {
        return stock.restock(restock.productId(), restock.quantity(), clock.instant());
    }

    public Product change(String productId, ProductChange change) {
        Product.checkId("productId", productId);
        return stock.change(productId, change, clock.instant());
    }
}
