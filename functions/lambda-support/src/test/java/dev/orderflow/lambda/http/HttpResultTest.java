package dev.orderflow.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpResultTest {

    @Test
    void locationSegmentsArePercentEncodedAsUtf8() {
        assertThat(HttpResult.path("inventory", "products", "sku-1")).isEqualTo("/inventory/products/sku-1");
        assertThat(HttpResult.path("inventory", "products", "tea pot?#%"))
                .isEqualTo("/inventory/products/tea%20pot%3F%23%25");
        assertThat(HttpResult.path("inventory", "products", "😺")).isEqualTo("/inventory/products/%F0%9F%98%BA");
        assertThat(HttpResult.path("inventory", "products", "чай")).isEqualTo("/inventory/products/%D1%87%D0%B0%D0%B9");
    }

    @Test
    void charactersAllowedInASegmentStayAsTheyAre() {
        assertThat(HttpResult.path("a-b.c_d~e!$&'()*+,;=:@")).isEqualTo("/a-b.c_d~e!$&'()*+,;=:@");
    }
}
