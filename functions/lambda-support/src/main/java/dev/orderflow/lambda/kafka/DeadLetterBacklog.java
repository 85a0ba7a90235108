package dev.orderflow.lambda.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How many dead letters wait on a dead-letter topic: the records still kept there (retention may have dropped older
 * ones) after what the operator's {@code replay} took (its consumer group {@value #REPLAY_GROUP}; all of them while it
 * took none). Read with the Admin API - the topic's offsets and the group's committed ones, nothing consumed - through
 * one client per instance, made at first use (so never inside a SnapStart snapshot).
 */
public final class DeadLetterBacklog implements AutoCloseable {

    /** The consumer group of {@code replay}, the operator's tool that re-publishes dead letters. */
    public static final String REPLAY_GROUP = "dlq-replay";

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> settings;
    private Admin admin;

    /** @param clientProperties the service's Kafka client settings ({@link KafkaClientSettings}) */
    public DeadLetterBacklog(String bootstrapServers, Map<String, Object> clientProperties) {
        Map<String, Object> settings = new HashMap<>(clientProperties);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "dead-letter-backlog");
        this.settings = settings;
    }

    /**
     * A service's backlog reader, authenticated as the service's other Kafka clients are ({@link KafkaClientSettings}:
     * {@code auth} and the client properties file).
     */
    public static DeadLetterBacklog of(String bootstrapServers, String auth, String clientConfig) {
        return new DeadLetterBacklog(bootstrapServers, KafkaClientSettings.of(auth, clientConfig));
    }

    /** The dead letters waiting on {@code topic}; a topic that does not exist yet holds none. */
    public synchronized long waiting(String topic) {
        Admin kafka = admin();
        Map<String, TopicDescription> description;
        try {
            description = get(kafka.describeTopics(List.of(topic)).allTopicNames());
        } catch (UnknownTopicOrPartitionException e) {
            return 0;
        }
        List<TopicPartition> partitions = description.get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(kafka, partitions, p -> OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(kafka, partitions, p -> OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> replayed =
                get(kafka.listConsumerGroupOffsets(REPLAY_GROUP).partitionsToOffsetAndMetadata());
        long waiting = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata taken = replayed.get(partition);
            long from = Math.max(earliest.get(partition).offset(), taken == null ? 0 : taken.offset());
            waiting += Math.max(0, latest.get(partition).offset() - from);
        }
        return waiting;
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(
            Admin kafka, List<TopicPartition> partitions, Function<TopicPartition, OffsetSpec> spec) {
        Map<TopicPartition, OffsetSpec> asked = new HashMap<>();
        partitions.forEach(p -> asked.put(p, spec.apply(p)));
        return get(kafka.listOffsets(asked).all());
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(settings);
        }
        return admin;
    }

    /** The future's value; its failure as it is (a Kafka timeout stays transient: the caller answers 503). */
    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("Kafka did not answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka", e);
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
