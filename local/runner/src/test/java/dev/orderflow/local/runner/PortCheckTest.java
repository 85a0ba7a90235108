package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aTakenPortIsNamedWithItsFlagBeforeAnythingStarts() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var settings = new LocalSettings(
                    "127.0.0.1",
                    0,
                    0,
                    taken.getLocalPort(),
                    null,
                    true,
                    null,
                    null,
                    Map.of(),
                    null,
                    Map.of(),
                    8,
                    Duration.ofSeconds(30),
                    Duration.ZERO,
                    LocalSettings.Auth.DEVELOPMENT,
                    LocalSettings.KafkaSecurity.DEFAULT);

            assertThatThrownBy(() -> PortCheck.requireFree(settings))
                    .isInstanceOf(PortCheck.PortInUse.class)
                    .hasMessage("port " + taken.getLocalPort()
                            + " is in use by another process: stop it, or choose another port with "
                            + "--dynamodb-port=PORT (--dynamodb-port=0 picks a free one)");
        }
    }

    @Test
    void thePortsOfExternalServersAreNotOurs() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var settings = new LocalSettings(
                    "127.0.0.1",
                    0,
                    taken.getLocalPort(),
                    taken.getLocalPort(),
                    null,
                    true,
                    "127.0.0.1:9092",
                    "http://127.0.0.1:8000",
                    Map.of(),
                    null,
                    Map.of(),
                    8,
                    Duration.ofSeconds(30),
                    Duration.ZERO,
                    LocalSettings.Auth.DEVELOPMENT,
                    LocalSettings.KafkaSecurity.DEFAULT);

            assertThatCode(() -> PortCheck.requireFree(settings)).doesNotThrowAnyException();
        }
    }
}
