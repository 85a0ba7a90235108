package dev.orderflow.local.runner;

import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.infra.KafkaAcls;
import dev.orderflow.local.infra.KafkaTls;
import dev.orderflow.local.runner.cli.DeadLetterReplay;
import dev.orderflow.local.runner.template.KafkaRights;
import dev.orderflow.local.runner.template.SamTemplates;
import dev.orderflow.local.runner.template.TemplateFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is who on Kafka, as the options ask for it. The embedded broker speaks TLS by default: a CA and a certificate
 * per identity are made into {@code <home>/kafka-tls} on first start, and a client properties file per identity is
 * written into {@code <home>/kafka-clients} ({@code order}, {@code inventory}: the services; {@code operator}: the
 * {@code tail}, {@code timeline} and {@code replay} commands and whoever reads a topic by hand; {@code admin}: the
 * platform, which creates topics and sets ACLs). Each service may do on the broker what its functions' IAM policies
 * let it do on MSK ({@link KafkaRights}); the operator reads every topic, writes back only the topics dead letters
 * are replayed to, and consumes in groups named {@code operator-...}, {@code console-consumer-...} (what Kafka's
 * console consumer makes up) and {@code dlq-replay}. {@code --kafka-tls=off} makes a plaintext broker that checks
 * nobody (said loudly) and removes the client files. An external Kafka is reached with the client files of
 * {@code --kafka-clients}, or in plaintext; its ACLs are its own operator's business.
 *
 * @param tls     the embedded broker's TLS material, or null (plaintext, or an external Kafka)
 * @param clients the folder of client properties files per identity, or null (plaintext)
 */
record PlatformKafka(KafkaTls tls, Path clients) {

    static final String OPERATOR = "operator";
    /** The folder of the client files, in the data folder. */
    static final String CLIENTS = "kafka-clients";

    static final String ADMIN = KafkaTls.ADMIN;
    /** The prefix of the operator's own consumer groups ({@code tail}, tests, benchmarks). */
    static final String OPERATOR_GROUPS = "operator-";
    /** The groups Kafka's console consumer makes up when given none. */
    static final String CONSOLE_GROUPS = "console-consumer-";

    private static final Logger log = LoggerFactory.getLogger(PlatformKafka.class);

    /**
     * Makes or renews the embedded broker's TLS material and writes the client files, before any process that needs
     * them starts; or takes an external Kafka's client files as given.
     *
     * @param home the data folder (also with {@code --in-memory}, as for the signing key), or a folder of this run's own
     */
    static PlatformKafka prepare(LocalSettings settings, List<String> services, Path home) {
        if (settings.kafkaBootstrap() != null) {
            return new PlatformKafka(null, settings.kafkaSecurity().clients());
        }
        if (!settings.kafkaSecurity().tls()) {
            offBanner();
            // client files of a run with TLS would send tail, timeline and --only to a TLS broker that is not there
            removeClientFiles(home.resolve(CLIENTS));
            return new PlatformKafka(null, null);
        }
        return identities(home, services);
    }

    /**
     * The TLS material of every identity in {@code <home>/kafka-tls} (made or renewed), and their client files in
     * {@code <home>/kafka-clients}.
     */
    static PlatformKafka identities(Path home, List<String> services) {
        List<String> identities = new ArrayList<>(services);
        identities.add(OPERATOR);
        KafkaTls tls = KafkaTls.prepare(home.resolve("kafka-tls"), identities);
        identities.add(ADMIN);
        Path clients = home.resolve(CLIENTS);
        tls.writeClientFiles(clients, identities);
        return new PlatformKafka(tls, clients);
    }

    /**
     * {@code --only SERVICE}: the client files given, else those of the platform on the same data folder if it made
     * any, else plaintext.
     */
    static PlatformKafka besidePlatform(LocalSettings settings) {
        if (settings.kafkaSecurity().clients() != null) {
            return new PlatformKafka(null, settings.kafkaSecurity().clients());
        }
        Path platforms = settings.dataDir() == null ? null : settings.dataDir().resolve(CLIENTS);
        return new PlatformKafka(null, platforms != null && Files.isDirectory(platforms) ? platforms : null);
    }

    /** A client as {@code identity}: its file's settings, or plaintext. */
    KafkaAccess access(String bootstrapServers, String identity) {
        return KafkaAccess.of(bootstrapServers, clients, identity);
    }

    /**
     * Every identity's rights on the embedded broker: each service's from its IAM policies, and the operator's.
     */
    static List<KafkaAcls.Grant> grants(SamTemplates templates) {
        List<KafkaAcls.Grant> grants = new ArrayList<>(KafkaRights.of(templates).values());
        Set<String> replayedTo = new TreeSet<>();
        TemplateFunctions functions = TemplateFunctions.read(templates);
        functions
                .services()
                .forEach(service -> functions.kafkaSources(service).forEach(source -> replayedTo.add(source.topic())));
        grants.add(new KafkaAcls.Grant(
                OPERATOR,
                Set.of(KafkaAcls.ALL_TOPICS),
                replayedTo,
                Set.of(DeadLetterReplay.GROUP),
                Set.of(OPERATOR_GROUPS, CONSOLE_GROUPS)));
        return grants;
    }

    /** Said once the broker is up: where the client files are. */
    void logClients() {
        if (tls != null) {
            log.info(
                    "Kafka: TLS, one identity per service; client settings per identity in {} ({}.properties for Kafka's "
                            + "console tools: --consumer.config, --command-config)",
                    clients.toAbsolutePath(),
                    OPERATOR);
        }
    }

    private static void removeClientFiles(Path clients) {
        if (!Files.isDirectory(clients)) {
            return;
        }
        try (var files = Files.list(clients)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(clients);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the Kafka client files in " + clients, e);
        }
    }

    static void offBanner() {
        log.warn("**************************************************************************************************");
        log.warn("KAFKA TLS IS OFF (--kafka-tls=off): the broker is plaintext and asks nobody who they are.");
        log.warn("Anyone who reaches its port may read every order event and write forged ones. For experiments only.");
        log.warn("**************************************************************************************************");
    }
}
