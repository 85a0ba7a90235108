package dev.orderflow.lambda.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a service's Kafka clients say who they are: the authentication {@code KAFKA_AUTH} names - {@code NONE}
 * (plaintext) or {@code IAM} (MSK's IAM access control over TLS, the function's role being the identity) - and then
 * the settings of a Kafka client properties file, {@code KAFKA_CLIENT_CONFIG} (the local broker's TLS identity of the
 * service, as Kafka's own tools take it with {@code --command-config}). A {@code bootstrap.servers} in the file is
 * ignored: {@code KAFKA_BOOTSTRAP_SERVERS} says where the cluster is.
 */
public final class KafkaClientSettings {

    private KafkaClientSettings() {}

    /**
     * @param auth       {@code NONE} (or blank) or {@code IAM}
     * @param clientFile a Kafka client properties file, or null or blank for none
     */
    public static Map<String, Object> of(String auth, String clientFile) {
        Map<String, Object> settings = new HashMap<>(authentication(auth));
        if (clientFile != null && !clientFile.isBlank()) {
            var properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(clientFile), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the Kafka client settings KAFKA_CLIENT_CONFIG=" + clientFile, e);
            }
            properties.stringPropertyNames().stream()
                    .filter(name -> !name.equals("bootstrap.servers"))
                    .forEach(name -> settings.put(name, properties.getProperty(name)));
        }
        return settings;
    }

    private static Map<String, Object> authentication(String auth) {
        if ("IAM".equalsIgnoreCase(auth)) {
            return Map.of(
                    "security.protocol",
                    "SASL_SSL",
                    "sasl.mechanism",
                    "AWS_MSK_IAM",
                    "sasl.jaas.config",
                    "software.amazon.msk.auth.iam.IAMLoginModule required;",
                    "sasl.client.callback.handler.class",
                    "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        }
        if (auth == null || auth.isBlank() || "NONE".equalsIgnoreCase(auth)) {
            return Map.of();
        }
        throw new IllegalArgumentException("KAFKA_AUTH must be NONE or IAM, not " + auth);
    }
}
