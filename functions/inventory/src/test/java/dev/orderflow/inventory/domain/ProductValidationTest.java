package dev.orderflow.inventory.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProductValidationTest {

    @Test
    void rejectsBadProductsNamingTheField() {
        assertThatThrownBy(() -> new NewProduct(" ", null, 1, null)).hasMessageStartingWith("productId:");
        assertThatThrownBy(() -> new NewProduct("p".repeat(129), null, 1, null)).hasMessageStartingWith("productId:");
        assertThatThrownBy(() -> new NewProduct("p", null, -1, null)).hasMessageStartingWith("quantity:");
        assertThatThrownBy(() -> new NewProduct("p", null, 1_000_001, null)).hasMessageStartingWith("quantity:");
        assertThatThrownBy(() -> new NewProduct("p", null, 1, -1L)).hasMessageStartingWith("lowStockThreshold:");
        assertThatThrownBy(() -> new NewProduct("p", "bad\nname", 1, null)).hasMessageStartingWith("name:");
    }

    @Test
    void restockNeedsAtLeastOneUnitAndAChangeNeedsSomethingToChange() {
        assertThatThrownBy(() -> new Restock("p", 0)).hasMessageStartingWith("quantity:");
        assertThatThrownBy(() -> new ProductChange(null, null)).hasMessageStartingWith("body:");
    }
}
