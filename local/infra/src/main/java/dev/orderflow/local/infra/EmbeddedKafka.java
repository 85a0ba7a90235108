package dev.orderflow.local.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM.
 *
 * <p>Both listeners bind 127.0.0.1. The log directory is kept across {@link #stop()} and {@link #start()},
 * so a restarted broker serves the same topics and messages on the same port, which is how the tests take
 * Kafka away and bring it back. Formatting happens once per directory.
 *
 * <p>With {@link KafkaTls} material both listeners speak TLS only and require a client certificate of that CA; the
 * certificate's name is the client's principal, and the broker's {@code StandardAuthorizer} refuses whatever no ACL
 * allows ({@link KafkaAcls}). The super users are the broker itself and {@link KafkaTls#ADMIN}, the identity of
 * {@link #adminAccess()}, for whoever creates topics and sets ACLs. Without TLS material the broker is plaintext and checks nobody.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final KafkaTls tls;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port, int controllerPort, KafkaTls tls) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.tls = tls;
    }

    /**
     * Starts a broker.
     *
     * @param logDir where partitions live; formatted on first use, reused afterwards
     * @param port   the client port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedKafka start(Path logDir, int port) {
        return start(logDir, port, null);
    }

    /**
     * Starts a broker that speaks TLS with client certificates of {@code tls}'s CA and checks ACLs; plaintext when
     * {@code tls} is null.
     */
    public static EmbeddedKafka start(Path logDir, int port, KafkaTls tls) {
        int clientPort = port == 0 ? FreePorts.next() : port;
        // two free ports asked one after the other can be the same one: the controller's must differ
        int controllerPort = FreePorts.next();
        while (controllerPort == clientPort) {
            controllerPort = FreePorts.next();
        }
        var kafka = new EmbeddedKafka(logDir, clientPort, controllerPort, tls);
        kafka.start();
        return kafka;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        formatIfNeeded();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info(
                "Kafka broker listening on {}{}",
                bootstrapServers(),
                tls == null ? " (plaintext)" : " (TLS, client certificates, ACLs)");
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka broker on {} stopped", bootstrapServers());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates the topics that do not exist yet and waits until the broker confirms them. */
    public void createTopics(Collection<String> topics, int partitions) {
        KafkaTopics.createMissing(adminAccess(), topics, partitions);
    }

    /** A super user, for creating topics and setting ACLs; plaintext without TLS. */
    public KafkaAccess adminAccess() {
        return access(KafkaTls.ADMIN);
    }

    /** A client of this broker as {@code identity} (one {@link KafkaTls} made a certificate for); plaintext without TLS. */
    public KafkaAccess access(String identity) {
        return tls == null
                ? KafkaAccess.plaintext(bootstrapServers())
                : new KafkaAccess(bootstrapServers(), tls.clientSettings(identity));
    }

    @Override
    public void close() {
        stop();
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        String protocol = tls == null ? "PLAINTEXT" : "SSL";
        if (tls != null) {
            props.putAll(tls.brokerSettings());
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("super.users", "User:" + KafkaTls.BROKER + ";User:" + KafkaTls.ADMIN);
        }
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", protocol + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", protocol + "://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", protocol),
                Map.entry("listener.security.protocol.map", protocol + ":" + protocol + ",CONTROLLER:" + protocol),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // after a kill -9 the controller keeps the dead broker's registration until its session expires, and
                // the
                // restarted broker cannot register before that (DUPLICATE_BROKER_REGISTRATION): 3 s instead of 9
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                Map.entry("broker.session.timeout.ms", "3000"),
                // an idle controller appends a no-op record to its metadata log this often (500 ms by default): the
                // most of what an idle broker does
                Map.entry("metadata.max.idle.interval.ms", "5000")));
        return props;
    }

    private void formatIfNeeded() {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
    }
}
