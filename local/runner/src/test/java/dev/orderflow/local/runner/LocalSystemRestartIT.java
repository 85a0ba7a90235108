package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSystemRestartIT {

    @TempDir
    Path data;

    @Test
    void ordersSurviveARestartOnTheSameDataFolder() {
        String orderId;
        try (LocalSystem first = LocalSystem.start(LocalSettings.ephemeral().withDataDir(data))) {
            orderId = new Api(first).placeOrder("user-restart", "sku-1", 3);
        }

        try (LocalSystem second = LocalSystem.start(LocalSettings.ephemeral().withDataDir(data))) {
            Api.Reply reply = new Api(second).get("/oms/orders/" + orderId);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.data().get("orderItems").get(0).get("quantity").intValue())
                    .isEqualTo(3);
        }
    }
}
