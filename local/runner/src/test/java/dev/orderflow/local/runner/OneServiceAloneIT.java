package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team works on one service: the platform and the other service run as usual, without that service's processes;
 * the service is started on its own ({@code --only inventory}) beside them, on the same data folder, and takes its
 * part of the work: the gateway finds it, its consumers join their group.
 */
class OneServiceAloneIT {

    @TempDir
    Path data;

    @Test
    void aServiceStartedAloneBesideThePlatformServesItsRoutesAndDecidesOrders() {
        try (LocalSystem platform =
                LocalSystem.start(LocalSettings.ephemeral().withDataDir(data).withReplicas("inventory", 0))) {
            var api = new Api(platform);
            Api.Reply refused = api.get("/inventory/products/sku-alone");
            assertThat(refused.status()).as("no Inventory process yet").isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotNull();
            // accepted while no Inventory process runs: decided (rejected: no such product) once one does
            String waiting = api.placeOrder("user-alone", "sku-nobody-sells", 1);

            try (LocalSystem inventory = LocalSystem.start(LocalSettings.parse(
                    "--only=inventory",
                    "--data-dir=" + data,
                    "--kafka-bootstrap-servers=" + platform.kafkaBootstrapServers(),
                    "--dynamodb-endpoint=" + platform.dynamoDbEndpoint()))) {
                assertThat(inventory.processes("inventory")).hasSize(1);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> api.get("/inventory/products/sku-alone").status() == 404);
                assertThat(api.post("/inventory/products", "{\"productId\":\"sku-alone\",\"quantity\":5}")
                                .status())
                        .isEqualTo(201);
                String placed = api.placeOrder("user-alone", "sku-alone", 2);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(api.get("/oms/orders/" + waiting)
                                    .data()
                                    .path("status")
                                    .asString())
                            .isEqualTo("REJECTED");
                    assertThat(api.get("/oms/orders/" + placed)
                                    .data()
                                    .path("status")
                                    .asString())
                            .isEqualTo("CONFIRMED");
                });
            }
        }
    }
}
