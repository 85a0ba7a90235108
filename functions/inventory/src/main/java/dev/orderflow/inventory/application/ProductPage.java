package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.Product;
import java.util.List;

/** One page of products; {@code nextCursor} is null on the last page. */
public record ProductPage(List<Product> products, String nextCursor) {

    public ProductPage {
        products = List.copyOf(products);
    }
}
