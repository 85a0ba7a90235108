package dev.orderflow.inventory.application;

import java.util.List;

import dev.orderflow.inventory.domain.Product;

/** One page of products; {@code nextCursor} is null on the last page. */
public record ProductPage(List<Product> products, String nextCursor) {

    public ProductPage {
        products = List.copyOf(products);
    }
}
