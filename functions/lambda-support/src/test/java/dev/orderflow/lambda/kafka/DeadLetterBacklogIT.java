package dev.orderflow.lambda.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead letters waiting: what the topic keeps after what the operator's replay took, read on a real broker. */
class DeadLetterBacklogIT {

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static DeadLetterBacklog backlog;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        backlog = new DeadLetterBacklog(kafka.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stopKafka() {
        backlog.close();
        kafka.close();
    }

    @Test
    void everyRecordWaitsUntilReplayTakesItAndPartitionsAddUp() throws Exception {
        String topic = "orders-a.dlq";
        kafka.createTopics(List.of(topic), 2);
        assertThat(backlog.waiting(topic)).isZero();

        send(topic, 0, 3);
        send(topic, 1, 2);
        assertThat(backlog.waiting(topic)).isEqualTo(5);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(
                            DeadLetterBacklog.REPLAY_GROUP,
                            Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)))
                    .all()
                    .get();
        }
        assertThat(backlog.waiting(topic))
                .as("one left on partition 0, two on 1")
                .isEqualTo(3);
    }

    @Test
    void aTopicNotMadeYetHoldsNone() {
        assertThat(backlog.waiting("never-made.dlq")).isZero();
    }

    private static void send(String topic, int partition, int records) throws Exception {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "dead " + i))
                        .get();
            }
        }
    }
}
