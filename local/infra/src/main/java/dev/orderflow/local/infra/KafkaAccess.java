package dev.orderflow.local.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where a Kafka cluster is and how a client of it says who it is: the bootstrap servers and the client's security
 * settings ({@code security.protocol}, key and trust stores, SASL...), none for a plaintext broker. Every local Kafka
 * client - admin, producer, consumer, Spring Cloud Stream's binder - is configured from one of these.
 *
 * @param settings client settings other than the bootstrap servers, as in a Kafka client properties file
 */
public record KafkaAccess(String bootstrapServers, Map<String, String> settings) {

    public KafkaAccess {
        settings = Map.copyOf(settings);
    }

    /** A plaintext broker that asks nobody who they are. */
    public static KafkaAccess plaintext(String bootstrapServers) {
        return new KafkaAccess(bootstrapServers, Map.of());
    }

    /**
     * The settings of a Kafka client properties file ({@code --command-config} of Kafka's tools); a
     * {@code bootstrap.servers} in it is ignored: {@code bootstrapServers} says where the cluster is.
     */
    public static KafkaAccess fromFile(String bootstrapServers, Path clientProperties) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(clientProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client settings " + clientProperties, e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted()
                .filter(name -> !name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG))
                .forEach(name -> settings.put(name, properties.getProperty(name)));
        return new KafkaAccess(bootstrapServers, settings);
    }

    /** The same cluster as another identity: the settings of {@code identity}'s file in {@code clientsDir}, if any. */
    public static KafkaAccess of(String bootstrapServers, Path clientsDir, String identity) {
        if (clientsDir == null) {
            return plaintext(bootstrapServers);
        }
        Path file = clientsDir.resolve(identity + ".properties");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no Kafka client settings for the identity '" + identity + "' in "
                    + clientsDir + " (expected " + file.getFileName() + ")");
        }
        return fromFile(bootstrapServers, file);
    }

    /** A client's whole configuration: the bootstrap servers and the settings; {@code extra} on top. */
    public Map<String, Object> config(Map<String, ?> extra) {
        Map<String, Object> config = new LinkedHashMap<>(settings);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(extra);
        return config;
    }

    /** The same, as {@link Properties}. */
    public Properties properties(Map<String, ?> extra) {
        var properties = new Properties();
        properties.putAll(config(extra));
        return properties;
    }

    /** Whether clients talk TLS to this cluster. */
    public boolean tls() {
        return settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
                .endsWith("SSL");
    }
}
