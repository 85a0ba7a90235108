package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.local.infra.FreePorts;
import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.supervision.ProcessRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the runner, as the shop's OOM killer would do it, then the README's command again: it comes up
 * on the same data without anyone cleaning up - the services' processes ended with the runner, and the
 * DynamoDB-compatible server it left running (in a session of its own) is found in the run folder and stopped.
 */
class RunnerKilledIT {

    @TempDir
    Path dir;

    @Test
    void aKilledRunnerLeavesNothingBehindThatStopsTheNextStart() {
        int httpPort = FreePorts.next();
        Path data = dir.resolve("data");
        List<String> arguments = List.of(
                "--data-dir=" + data,
                "--http-port=" + httpPort,
                "--kafka-port=" + FreePorts.next(),
                "--dynamodb-port=" + FreePorts.next());
        var registry = new ProcessRegistry(data.resolve("run"));
        try (var runner =
                new RunnerProcess(arguments, Map.of(), Path.of("target", "fault-suite", "killed-runner.log"))) {
            runner.start();
            var api = new Api(httpPort, DevelopmentIssuer.of(DevelopmentIssuer.issuerFor(httpPort), data));
            assertThat(api.post("/inventory/products", "{\"productId\":\"kept\",\"quantity\":7}")
                            .status())
                    .isEqualTo(201);
            List<ProcessRegistry.Entry> before = registry.entries();
            assertThat(before)
                    .extracting(ProcessRegistry.Entry::name)
                    .containsExactly("dynamodb", "inventory-1", "order-1", "platform");

            runner.kill();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> before.stream().filter(e -> e.replica() > 0).noneMatch(ProcessRegistry.Entry::alive));

            runner.start();
            assertThat(api.get("/inventory/products/kept")
                            .data()
                            .path("available")
                            .asInt())
                    .as("the data survived")
                    .isEqualTo(7);
            assertThat(before).as("nothing of the killed runner runs on").noneMatch(ProcessRegistry.Entry::alive);
            assertThat(registry.entries())
                    .extracting(ProcessRegistry.Entry::name)
                    .containsExactly("dynamodb", "inventory-1", "order-1", "platform");
        }
    }
}
