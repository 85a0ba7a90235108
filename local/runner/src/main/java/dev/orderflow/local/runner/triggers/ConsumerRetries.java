package dev.orderflow.local.runner.triggers;

import dev.orderflow.lambda.Failures;
import dev.orderflow.lambda.kafka.DeadLetters;
import dev.orderflow.local.infra.KafkaAccess;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What a record the function handed back gets locally, as the MSK trigger's retries give it on AWS: the function
 * has already applied its own rules ({@code KafkaBatches}: poison dead-lettered at once, others after a few tries,
 * transient failures retried for a while), so a record it hands back ({@link KafkaTrigger}) is one that failed for
 * now, and is delivered again with exponential backoff ({@link #TRANSIENT}: up to {@link #MAX_INTERVAL} apart, for
 * {@link #TRANSIENT_BOUND}), riding out an outage; after that bound it goes to {@code <topic>.dlq} (the re-drive
 * recovers its order). Any other failure of the trigger itself is judged by {@link Failures}. Dead letters carry the
 * root cause on one line ({@link DeadLetters}). Redeliveries re-poll from the record (Spring Kafka's
 * {@link DefaultErrorHandler}, the records before it committed), so only the failing partition waits; a dead letter
 * that cannot be written is retried too, never dropped. Offsets are committed by time ({@link #COMMIT_EVERY}).
 */
final class ConsumerRetries implements ListenerContainerWithDlqAndRetryCustomizer, AutoCloseable {

    static final Duration FIRST_INTERVAL = Duration.ofMillis(200);
    static final Duration MAX_INTERVAL = Duration.ofSeconds(5);
    /** How long a transient failure is retried before the record is set aside (the re-drive recovers it). */
    static final Duration TRANSIENT_BOUND = Duration.ofMinutes(15);

    static final int UNEXPECTED_ATTEMPTS = 3;
    /** How often a consumer commits the offsets of the records it handled. */
    static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
    /** At most one warning this often while records keep failing transiently. */
    static final Duration WARN_EVERY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ConsumerRetries.class);
    private static final ExponentialBackOff TRANSIENT = transientBackOff();

    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY.toNanos());

    ConsumerRetries(KafkaAccess kafka) {
        this.deadLetters = new KafkaProducer<>(
                kafka.config(Map.of(
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destination,
            String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            BackOff backOff) {
        var handler = new DefaultErrorHandler(
                this::deadLetter, new FixedBackOff(FIRST_INTERVAL.toMillis(), UNEXPECTED_ATTEMPTS - 1));
        handler.setBackOffFunction((record, failure) -> handedBack(failure)
                ? warnNowAndThen(record, failure)
                : switch (Failures.classify(failure)) {
                    case TRANSIENT -> warnNowAndThen(record, failure);
                    case POISON -> new FixedBackOff(0, 0);
                    case UNEXPECTED -> null;
                });
        // the error handler would log every retry at ERROR; warnNowAndThen and deadLetter say what matters
        handler.setLogLevel(KafkaException.Level.DEBUG);
        container.setCommonErrorHandler(handler);
        // the records handled are committed once per COMMIT_EVERY, not after every batch (a request to the broker and
        // a write of its offsets topic each): a busy partition's consumer commits once, an idle one not at all; on a
        // rebalance or a stop what is pending is committed first, and after a crash up to that much is delivered again,
        // which the functions count once (they are idempotent, as on AWS)
        container.getContainerProperties().setAckMode(ContainerProperties.AckMode.TIME);
        container.getContainerProperties().setAckTime(COMMIT_EVERY.toMillis());
    }

    /** Retries and dead letters are configured here, on the container, not by the binder. */
    @Override
    public boolean retryAndDlqInBinding(String destination, String group) {
        return false;
    }

    private static ExponentialBackOff transientBackOff() {
        var backOff = new ExponentialBackOff(FIRST_INTERVAL.toMillis(), 2.0);
        backOff.setMaxInterval(MAX_INTERVAL.toMillis());
        backOff.setMaxElapsedTime(TRANSIENT_BOUND.toMillis());
        return backOff;
    }

    /** Whether the function handed the record back: it failed for now, by the function's own rules. */
    private static boolean handedBack(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BatchListenerFailedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line per {@link #WARN_EVERY} while records keep failing transiently, not one per retry.
     *
     * @return the backoff of a transient failure
     */
    private BackOff warnNowAndThen(ConsumerRecord<?, ?> record, Exception failure) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY.toNanos() && lastWarning.compareAndSet(last, now)) {
            log.warn(
                    "Records of {} fail for now ({}); retrying with backoff up to {} s apart, for up to {} min",
                    record.topic(),
                    Failures.summary(failure),
                    MAX_INTERVAL.toSeconds(),
                    TRANSIENT_BOUND.toMinutes());
        }
        return TRANSIENT;
    }

    private void deadLetter(ConsumerRecord<?, ?> record, Exception failure) {
        var dead = new ProducerRecord<>(
                DeadLetters.topicOf(record.topic()), (byte[]) record.key(), (byte[]) record.value());
        DeadLetters.describe(dead.headers(), record.topic(), record.partition(), record.offset(), failure);
        try {
            deadLetters.send(dead).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "cannot dead-letter " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                            + Failures.summary(e),
                    e);
        }
        log.error(
                "Record {}-{}@{} dead-lettered to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                dead.topic(),
                Failures.summary(failure));
    }

    @Override
    public void close() {
        deadLetters.close(Duration.ofSeconds(5));
    }
}
