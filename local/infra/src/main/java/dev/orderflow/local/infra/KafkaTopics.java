package dev.orderflow.local.infra;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics on any Kafka cluster (embedded or external) unless they exist already. */
public final class KafkaTopics {

    /** How often a consumer waiting for its topics asks again: each quarter second spent here delays the start. */
    private static final Duration TOPICS_POLL = Duration.ofMillis(250);

    private KafkaTopics() {}

    public static void createMissing(KafkaAccess kafka, Collection<String> topics, int partitions) {
        String bootstrapServers = kafka.bootstrapServers();
        try (Admin admin =
                Admin.create(kafka.config(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(
                        "could not create topics " + topics + " on " + bootstrapServers, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " did not confirm topics " + topics + " in 30 s", e);
        }
    }

    /**
     * Waits until every one of {@code topics} exists, e.g. for a consumer started before the broker that creates them is
     * up: the cluster is asked again every quarter second, whether it answers or not, until {@code timeout}. A client sees only
     * the topics it may describe.
     */
    public static void awaitExisting(KafkaAccess kafka, Collection<String> topics, Duration timeout) {
        String bootstrapServers = kafka.bootstrapServers();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(kafka.config(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000)))) {
            while (true) {
                try {
                    if (admin.listTopics().names().get(5, TimeUnit.SECONDS).containsAll(topics)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet: asked again below
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " did not appear on " + bootstrapServers
                            + " within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(TOPICS_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
        }
    }
}
