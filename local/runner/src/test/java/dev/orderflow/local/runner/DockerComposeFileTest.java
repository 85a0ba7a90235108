package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code local/docker-compose.yml} cannot run here (no Docker engine), so this checks what can be checked
 * without one: it parses, it runs the runner against its own Kafka and DynamoDB, and it publishes
 * nothing beyond 127.0.0.1. CI also runs {@code docker compose config} where Compose is installed.
 */
class DockerComposeFileTest {

    private static final JsonNode COMPOSE = new YAMLMapper().readTree(Path.of("../docker-compose.yml").toFile());

    @Test
    void runsKafkaDynamoDbAndTheRunnerPointedAtThem() {
        JsonNode services = COMPOSE.get("services");
        assertThat(services.propertyNames()).containsExactlyInAnyOrder("kafka", "dynamodb", "orderflow");
        List<String> command = new ArrayList<>();
        services.get("orderflow").get("command").forEach(part -> command.add(part.asString()));
        assertThat(command).contains("--kafka-bootstrap-servers=kafka:9092", "--dynamodb-endpoint=http://dynamodb:4566");
        // the JVM gets the runner's shared options file; the runner accepts the options the file gives it
        assertThat(command.subList(0, 4)).containsExactly("java", "@/app/jvm.options", "-jar", "/app/local-runner.jar");
        assertThat(services.get("orderflow").get("volumes")).extracting(JsonNode::asString)
                .contains("./runner/jvm.options:/app/jvm.options:ro");
        LocalSettings settings = LocalSettings.parse(command.subList(4, command.size()).toArray(String[]::new));
        assertThat(settings.kafkaBootstrap()).isEqualTo("kafka:9092");
    }

    @Test
    void publishesPortsOnLoopbackOnly() {
        for (Map.Entry<String, JsonNode> service : COMPOSE.get("services").properties()) {
            for (JsonNode port : service.getValue().path("ports")) {
                assertThat(port.asString()).as("a port of %s", service.getKey()).startsWith("127.0.0.1:");
            }
        }
    }
}
