package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.runner.template.TemplateFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code local/docker-compose.yml} and its images cannot run here (no Docker engine), so this checks what can be
 * checked without one: one container per part, each service on its own and with a health check, the gateway pointed
 * at the services' containers and the broker and store, the store's data on a volume, nothing published beyond
 * 127.0.0.1. CI also validates the file with docker-compose where it installs.
 */
class DockerComposeFileTest {

    private static final JsonNode COMPOSE =
            new YAMLMapper().readTree(Path.of("../docker-compose.yml").toFile());
    private static final TemplateFunctions TEMPLATE = TemplateFunctions.read(LocalSystem.template());

    @Test
    void runsEachServiceInContainersOfItsOwnBesideTheBrokerTheStoreAndTheGateway() {
        JsonNode services = COMPOSE.get("services");
        List<String> expected = new ArrayList<>(List.of("kafka", "dynamodb", "gateway"));
        expected.addAll(TEMPLATE.services());
        assertThat(services.propertyNames()).containsExactlyInAnyOrderElementsOf(expected);
        services.properties()
                .forEach(service -> assertThat(service.getValue()
                                .path("healthcheck")
                                .path("test")
                                .isArray())
                        .as("%s has a health check", service.getKey())
                        .isTrue());
        for (String service : TEMPLATE.services()) {
            assertThat(services.get(service).path("build").path("target").asString())
                    .isEqualTo(service);
            assertThat(services.get(service).path("ports").isMissingNode())
                    .as("%s publishes no port, so it scales", service)
                    .isTrue();
            LocalSettings settings = LocalSettings.parse(
                    strings(services.get(service).get("command")).toArray(String[]::new));
            assertThat(settings.kafkaBootstrap()).isEqualTo("kafka:9092");
            assertThat(settings.dynamoDbEndpoint()).isEqualTo("http://dynamodb:8000");
        }
    }

    @Test
    void theGatewayInvokesEveryServicesContainersAndStartsNoneOfItsOwn() {
        LocalSettings settings = LocalSettings.parse(
                strings(COMPOSE.get("services").get("gateway").get("command")).toArray(String[]::new));

        assertThat(settings.serviceUrls().keySet()).containsExactlyInAnyOrderElementsOf(TEMPLATE.services());
        TEMPLATE.services().forEach(service -> {
            assertThat(settings.serviceUrls().get(service).toString()).isEqualTo("http://" + service + ":9000");
            assertThat(settings.replicasOf(service)).isZero();
        });
        assertThat(settings.kafkaBootstrap()).isEqualTo("kafka:9092");
    }

    @Test
    void eachImageRunsItsOwnPartAndTheStoreIsTheVersionTheTestsUse() throws IOException {
        String dockerfile = Files.readString(Path.of("../docker/Dockerfile"));
        for (String service : TEMPLATE.services()) {
            assertThat(dockerfile)
                    .contains("AS " + service + "\n")
                    .contains("\"service\", \"" + service
                            + "\", \"1\", \"--invoke-host=0.0.0.0\", \"--invoke-port=9000\"");
        }
        assertThat(dockerfile).contains("@dynoxide/$platform@" + LocalDynamoDb.VERSION + "\"");
        assertThat(strings(COMPOSE.get("services").get("dynamodb").get("volumes")))
                .containsExactly("dynamodb-data:/data");
        assertThat(COMPOSE.get("volumes").has("dynamodb-data")).isTrue();
    }

    @Test
    void publishesPortsOnLoopbackOnly() {
        for (Map.Entry<String, JsonNode> service : COMPOSE.get("services").properties()) {
            for (JsonNode port : service.getValue().path("ports")) {
                assertThat(port.asString()).as("a port of %s", service.getKey()).startsWith("127.0.0.1:");
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
