package dev.orderflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScenarioTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void ordersHaveTheScenariosLinesWithDistinctSeededProducts() {
        JsonNode order = JSON.readTree(new Scenario("50 lines", 1, 1, 1000, 50).orderBody(new Random(1)));

        assertThat(order.get("orderItems")).hasSize(50);
        assertThat(order.get("orderItems").findValuesAsString("productId"))
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("bench-\\d{1,3}"));
    }

    @Test
    void theHotProductScenarioAlwaysOrdersTheSameProduct() {
        var hot = new Scenario("hot", 1, 1, 1, 1);
        Random random = new Random(2);

        assertThat(JSON.readTree(hot.orderBody(random))
                        .get("orderItems")
                        .get(0)
                        .get("productId")
                        .stringValue())
                .isEqualTo("bench-0");
        assertThat(JSON.readTree(hot.orderBody(random))
                        .get("orderItems")
                        .get(0)
                        .get("productId")
                        .stringValue())
                .isEqualTo("bench-0");
    }
}
