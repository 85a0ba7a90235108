package dev.orderflow.local.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.testing.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with TLS: it lets in only clients with a certificate of its data folder's CA, knows each by
 * the name in it, and lets each do what its grant says and nothing else.
 */
class KafkaTlsIT {

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBrokerWithTwoIdentities() {
        KafkaTls tls = KafkaTls.prepare(dir.resolve("tls"), List.of("writer", "reader"));
        tls.writeClientFiles(dir.resolve("clients"), List.of("writer", "reader"));
        kafka = EmbeddedKafka.start(dir.resolve("log"), 0, tls);
        kafka.createTopics(List.of("mine", "theirs"), 1);
        KafkaAcls.apply(
                kafka.adminAccess(),
                List.of(
                        new KafkaAcls.Grant("writer", Set.of(), Set.of("mine"), Set.of(), Set.of()),
                        new KafkaAcls.Grant("reader", Set.of("mine"), Set.of(), Set.of(), Set.of("readers-"))));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void anIdentityWritesTheTopicItsGrantNamesAndAnotherReadsIt() throws Exception {
        KafkaAccess writer = KafkaAccess.of(kafka.bootstrapServers(), dir.resolve("clients"), "writer");
        String value = "hello " + UUID.randomUUID();
        try (var producer = producer(writer)) {
            producer.send(new ProducerRecord<>("mine", "k", value)).get(10, TimeUnit.SECONDS);
        }
        var read = TopicReader.await(
                kafka.access("reader").config(Map.of()),
                "readers-",
                "mine",
                record -> value.equals(record.value()),
                1,
                Duration.ofSeconds(30));
        assertThat(read)
                .singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo("k"));
    }

    @Test
    void theBrokerRefusesAWriteNoGrantAllows() {
        try (var producer = producer(kafka.access("writer"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("theirs", "k", "forged"))
                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        // an identity that may write nothing is refused before it names a topic (its idempotent producer's id)
        try (var producer = producer(kafka.access("reader"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("mine", "k", "forged"))
                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void theBrokerRefusesAConsumerGroupNoGrantNames() {
        try (var consumer = new KafkaConsumer<>(
                kafka.access("reader").config(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "somebody-elses")),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("mine"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aPlaintextClientGetsNothingFromTheTlsListener() {
        try (Admin admin = Admin.create(KafkaAccess.plaintext(kafka.bootstrapServers())
                .config(Map.of(
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        3_000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        3_000)))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedInTheHandshake() {
        KafkaTls stranger = KafkaTls.prepare(dir.resolve("stranger-tls"), List.of("writer"));
        // the stranger's own CA says it is "writer"; the broker trusts only its data folder's CA
        Map<String, String> settings = new HashMap<>(stranger.clientSettings("writer"));
        settings.put("ssl.truststore.location", dir.resolve("tls/ca.pem").toString());
        try (var producer = producer(new KafkaAccess(kafka.bootstrapServers(), settings))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("mine", "k", "forged"))
                            .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void keysAndClientSettingsAreTheOwnersOnly() throws Exception {
        for (Path file : List.of(
                dir.resolve("tls/ca-key.pem"),
                dir.resolve("tls/writer.pem"),
                dir.resolve("clients/reader.properties"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("%s", file)
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(dir.resolve("clients/reader.properties")))
                .contains(
                        "security.protocol=SSL",
                        "ssl.keystore.location=" + dir.resolve("tls/reader.pem").toAbsolutePath());
    }

    @Test
    void preparingAgainKeepsTheCaAndTheCertificatesThatAreStillGood() throws Exception {
        String ca = Files.readString(dir.resolve("tls/ca.pem"));
        String writer = Files.readString(dir.resolve("tls/writer.pem"));
        KafkaTls.prepare(dir.resolve("tls"), List.of("writer", "reader"));
        assertThat(Files.readString(dir.resolve("tls/ca.pem"))).isEqualTo(ca);
        assertThat(Files.readString(dir.resolve("tls/writer.pem"))).isEqualTo(writer);
    }

    private static KafkaProducer<String, String> producer(KafkaAccess access) {
        return new KafkaProducer<>(
                access.config(Map.of(
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        5_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        8_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        5_000)),
                new StringSerializer(),
                new StringSerializer());
    }
}
