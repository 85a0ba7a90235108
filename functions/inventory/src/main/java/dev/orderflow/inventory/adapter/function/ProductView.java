package dev.orderflow.inventory.adapter.function;

import dev.orderflow.inventory.application.ProductPage;
import dev.orderflow.inventory.domain.Product;
import java.time.Instant;
import java.util.List;

/** A product as the API shows it. */
record ProductView(
        String productId,
        String name,
        long available,
        long reserved,
        long lowStockThreshold,
        Instant updatedAt,
        long version) {

    static ProductView of(Product p) {
        return new ProductView(
                p.productId(),
                p.name(),
                p.available(),
                p.reserved(),
                p.lowStockThreshold(),
                p.updatedAt(),
                p.version());
    }

    record PageView(List<ProductView> products, String nextCursor) {

        static PageView of(ProductPage page) {
            return new PageView(page.products().stream().map(ProductView::of).toList(), page.nextCursor());
        }
    }
}
