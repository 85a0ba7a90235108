package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    @Test
    void defaultsAreTheDocumentedLoopbackPortsAndDataFolder() {
        LocalSettings settings = LocalSettings.parse();

        assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.dynamoDbPort()).isEqualTo(8000);
        assertThat(settings.dataDir()).isEqualTo(Path.of(".data"));
        assertThat(settings.inMemory()).isFalse();
    }

    @Test
    void flagsOverrideDefaults() {
        LocalSettings settings = LocalSettings.parse("--http-port=9090", "--in-memory", "--kafka-bootstrap-servers=k:9092");

        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.inMemory()).isTrue();
        assertThat(settings.kafkaBootstrap()).isEqualTo("k:9092");
    }

    @Test
    void rejectsUnknownOptionsAndBadPortsWithTheUsage() {
        assertThatThrownBy(() -> LocalSettings.parse("--htp-port=1")).hasMessageContaining("unknown option --htp-port=1")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> LocalSettings.parse("--http-port=70000")).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> LocalSettings.parse("--http-port=x")).hasMessageContaining("whole number");
    }
}
