package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        assertThat(settings.auth()).isEqualTo(LocalSettings.Auth.DEVELOPMENT);
        assertThat(settings.auth().enabled()).isTrue();
    }

    @Test
    void authIsOnUnlessSwitchedOffAndAnExternalIssuerNeedsItsAudiences() {
        assertThat(LocalSettings.parse("--auth=off").auth().enabled()).isFalse();
        assertThat(LocalSettings.parse("--jwt-issuer=https://id.example/", "--jwt-audience=shop, back-office")
                        .auth())
                .isEqualTo(new LocalSettings.Auth(true, "https://id.example/", List.of("shop", "back-office")));
        assertThatThrownBy(() -> LocalSettings.parse("--auth=maybe")).hasMessage("--auth must be on or off, not maybe");
        assertThatThrownBy(() -> LocalSettings.parse("--jwt-issuer=https://id.example"))
                .hasMessageStartingWith("--jwt-issuer needs --jwt-audience");
        assertThatThrownBy(() -> LocalSettings.parse("--jwt-audience=shop"))
                .hasMessageStartingWith("--jwt-audience needs --jwt-issuer");
        assertThatThrownBy(() -> LocalSettings.parse("--jwt-issuer=id.example", "--jwt-audience=shop"))
                .hasMessageContaining("issuer's URL");
    }

    @Test
    void theEmbeddedBrokerSpeaksTlsUnlessSwitchedOffAndAnExternalOneTakesAFolderOfClientSettings(
            @org.junit.jupiter.api.io.TempDir Path clients) {
        assertThat(LocalSettings.parse().kafkaSecurity()).isEqualTo(new LocalSettings.KafkaSecurity(true, null));
        assertThat(LocalSettings.parse("--kafka-tls=off").kafkaSecurity().tls()).isFalse();
        assertThat(LocalSettings.parse("--kafka-bootstrap-servers=k:9093", "--kafka-clients=" + clients)
                        .kafkaSecurity()
                        .clients())
                .isEqualTo(clients);
        assertThatThrownBy(() -> LocalSettings.parse("--kafka-tls=no"))
                .hasMessage("--kafka-tls must be on or off, not no");
        assertThatThrownBy(() -> LocalSettings.parse("--kafka-tls=off", "--kafka-bootstrap-servers=k:9093"))
                .hasMessageContaining("an external Kafka's client settings come from --kafka-clients");
        assertThatThrownBy(() -> LocalSettings.parse("--kafka-clients=" + clients))
                .hasMessageContaining("--kafka-clients is for an external Kafka");
        assertThatThrownBy(() -> LocalSettings.parse(
                        "--kafka-bootstrap-servers=k:9093", "--kafka-clients=" + clients.resolve("none")))
                .hasMessageContaining("is not a folder");
    }

    @Test
    void flagsOverrideDefaults() {
        LocalSettings settings =
                LocalSettings.parse("--http-port=9090", "--in-memory", "--kafka-bootstrap-servers=k:9092");

        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.inMemory()).isTrue();
        assertThat(settings.kafkaBootstrap()).isEqualTo("k:9092");
    }

    @Test
    void rejectsUnknownOptionsAndBadPortsWithTheUsage() {
        assertThatThrownBy(() -> LocalSettings.parse("--htp-port=1"))
                .hasMessageContaining("unknown option --htp-port=1")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> LocalSettings.parse("--http-port=70000")).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> LocalSettings.parse("--http-port=x")).hasMessageContaining("whole number");
    }

    @Test
    void durationsAreReadInTheIsoFormTheDocsUseOrAsSeconds() {
        assertThat(LocalSettings.parse("--redrive-after=PT30S").redriveAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(LocalSettings.parse("--redrive-after=pt2m").redriveAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(LocalSettings.parse("--redrive-after=45").redriveAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(LocalSettings.parse("--redrive-after=5s").redriveAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> LocalSettings.parse("--redrive-after=soon"))
                .hasMessage("--redrive-after must be a duration such as PT30S, 30s or 30, not soon");
        assertThatThrownBy(() -> LocalSettings.parse("--redrive-after=PT0S")).hasMessageContaining("longer than zero");
    }
}
