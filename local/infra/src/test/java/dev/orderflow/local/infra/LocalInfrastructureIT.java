package dev.orderflow.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.testing.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class LocalInfrastructureIT {

    @TempDir
    Path dir;

    @Test
    void kafkaKeepsMessagesAcrossARestartOnTheSamePort() {
        try (var kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.createTopics(List.of("probe"), 1);
            send(kafka, "k", "before restart");
            kafka.stop();
            kafka.start();
            send(kafka, "k", "after restart");

            assertThat(readAll(kafka, "probe", 2)).containsExactly("before restart", "after restart");
        }
    }

    @Test
    void dynamoDbKeepsItemsInItsDatabaseFileAcrossARestart() {
        Path file = dir.resolve("dynamo/data.sqlite");
        try (var server = LocalDynamoDb.start(0, file);
                var client = server.client()) {
            storeProbeItem(client);
        }
        try (var server = LocalDynamoDb.start(0, file);
                var client = server.client()) {
            var item = client.getItem(g -> g.tableName("probe").key(Map.of("id", AttributeValue.fromS("a"))))
                    .item();
            assertThat(item.get("n").n()).isEqualTo("7");
        }
    }

    @Test
    void aDynamoDbServerThatDiesIsRestartedOnTheSamePortWithItsData() {
        Path file = dir.resolve("dynamo/supervised.sqlite");
        try (var server = LocalDynamoDb.start(0, file);
                var client = server.client()) {
            storeProbeItem(client);
            long first = server.pid();

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                assertThat(server.pid()).isNotEqualTo(first);
                var item = client.getItem(g -> g.tableName("probe").key(Map.of("id", AttributeValue.fromS("a"))))
                        .item();
                assertThat(item.get("n").n()).isEqualTo("7");
            });
        }
    }

    @Test
    void aStoppedDynamoDbServerStaysDownUntilStartedAgain() {
        try (var server = LocalDynamoDb.start(0, dir.resolve("dynamo/stopped.sqlite"));
                var client = server.client()) {
            long first = server.pid();
            server.stop();

            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> ProcessHandle.of(first).map(h -> !h.isAlive()).orElse(true) && server.pid() == first);
            server.start();

            assertThat(client.listTables().tableNames()).isEmpty();
        }
    }

    private static void storeProbeItem(software.amazon.awssdk.services.dynamodb.DynamoDbClient client) {
        client.createTable(t -> t.tableName("probe")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build()));
        client.putItem(p ->
                p.tableName("probe").item(Map.of("id", AttributeValue.fromS("a"), "n", AttributeValue.fromN("7"))));
    }

    private static void send(EmbeddedKafka kafka, String key, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> readAll(EmbeddedKafka kafka, String topic, int expected) {
        return TopicReader.await(kafka.bootstrapServers(), topic, expected).stream()
                .map(ConsumerRecord::value)
                .toList();
    }
}
