package dev.orderflow.lambda.kafka;

import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent.KafkaEventRecord;
import dev.orderflow.lambda.Failures;
import dev.orderflow.lambda.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MSK trigger's side of a Kafka-triggered function, on Lambda and in the local runner alike: a Lambda
 * {@link KafkaEvent} (records of several partitions, values base64-encoded) handed to the use case as a whole
 * first ({@link RunHandler}), then, from the first record that did not go through, record by record in offset
 * order per partition. What a failure of one record means is {@link Failures}' call:
 *
 * <ul>
 * <li>a {@link PoisonMessage} can never succeed: it goes to the dead-letter topic at once ({@link DeadLetters});</li>
 * <li>a transient failure (DynamoDB, Kafka or the network did not answer) is retried here with backoff while this
 * invocation's retry budget lasts; then that record is reported as a batch item failure ({@code partition} and
 * {@code offset}, for the trigger's {@code ReportBatchItemFailures}) and the rest of its partition is left alone,
 * so the trigger redelivers from there, with its own retries and record age as the long bound. Nothing
 * transient is ever dead-lettered from here;</li>
 * <li>any other failure is tried {@code attempts} times, then dead-lettered, so a bug cannot stall a partition.</li>
 * </ul>
 *
 * Only when the dead-letter topic itself cannot be written is that record reported as failed too. Handlers are
 * idempotent, so redelivery is safe.
 */
public final class KafkaBatches {

    /** How long one invocation keeps retrying transient failures before handing the record back to the trigger. */
    static final Duration TRANSIENT_RETRY_BUDGET = Duration.ofSeconds(10);

    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(KafkaBatches.class);

    private final EventProducer producer;
    private final int attempts;
    private final Duration retryBudget;
    private final Metrics metrics;

    public KafkaBatches(EventProducer producer, int attempts, Metrics metrics) {
        this(producer, attempts, TRANSIENT_RETRY_BUDGET, metrics);
    }

    KafkaBatches(EventProducer producer, int attempts, Duration retryBudget, Metrics metrics) {
        this.producer = producer;
        this.attempts = attempts;
        this.retryBudget = retryBudget;
        this.metrics = metrics;
    }

    /** @return the first record of each partition that must be delivered again, for the trigger */
    public KafkaBatchResponse process(KafkaEvent event, Consumer<String> handler) {
        return process(event, values -> new Progress(0, null), handler);
    }

    /**
     * The batch first, then record by record: {@code batch} gets every record's value at once (partition after
     * partition, offsets in order) and handles as many as it can, in order; from the first it could not handle
     * on, each remaining record goes through {@code handler} alone, with the failure rules above. So a batch
     * that goes through costs the use case one pass, and a failing record is treated exactly as it was before
     * batches: retried, dead-lettered or handed back, its partition's later records with it.
     *
     * @return the first record of each partition that must be delivered again, for the trigger
     */
    public KafkaBatchResponse process(KafkaEvent event, RunHandler batch, Consumer<String> handler) {
        List<KafkaBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event.getRecords() == null) {
            return new KafkaBatchResponse(failures);
        }
        // one budget for the whole invocation, the batch's own pass included
        long budgetEnds = System.nanoTime() + retryBudget.toNanos();
        List<Delivered> delivered = new ArrayList<>();
        for (Map.Entry<String, List<KafkaEventRecord>> partition :
                event.getRecords().entrySet()) {
            List<KafkaEventRecord> records = new ArrayList<>(partition.getValue());
            records.sort(Comparator.comparingLong(KafkaEventRecord::getOffset));
            records.forEach(record -> delivered.add(new Delivered(partition.getKey(), record, valueOf(record))));
        }
        int done = handledTogether(batch, delivered);
        Set<String> handedBack = new HashSet<>();
        for (Delivered one : delivered.subList(done, delivered.size())) {
            if (!handedBack.contains(one.partition()) && !processOne(one.record(), one.value(), handler, budgetEnds)) {
                failures.add(KafkaBatchResponse.BatchItemFailure.of(
                        one.partition(), one.record().getOffset()));
                handedBack.add(one.partition());
            }
        }
        return new KafkaBatchResponse(failures);
    }

    /** How many records, from the first, the batch handler got through; a failure is the record-by-record path's to judge. */
    private static int handledTogether(RunHandler batch, List<Delivered> delivered) {
        if (delivered.isEmpty()) {
            return 0;
        }
        Progress progress;
        try {
            progress = batch.handle(delivered.stream().map(Delivered::value).toList());
        } catch (RuntimeException e) {
            progress = new Progress(0, e);
        }
        int done = Math.max(0, Math.min(progress.done(), delivered.size()));
        if (done < delivered.size() && progress.failure() != null) {
            Delivered next = delivered.get(done);
            log.debug(
                    "Batch of {} stopped at {}-{}@{} ({}); the rest one by one",
                    delivered.size(),
                    next.record().getTopic(),
                    next.record().getPartition(),
                    next.record().getOffset(),
                    Failures.summary(progress.failure()));
        }
        return done;
    }

    private static String valueOf(KafkaEventRecord record) {
        return record.getValue() == null
                ? null
                : new String(Base64.getDecoder().decode(record.getValue()), StandardCharsets.UTF_8);
    }

    /**
     * A use case that takes a run of records at once. It handles them in the order given and stops at the first it
     * cannot handle (a poison value, a failure, an answer Kafka did not acknowledge), saying how far it got; what it
     * did for the records before that point must be complete, since those are never handled again by this call.
     */
    @FunctionalInterface
    public interface RunHandler {
        Progress handle(List<String> values);
    }

    /**
     * @param done    how many values, from the first, were handled completely
     * @param failure why the next one was not (null when all were, or when the handler chose to leave the rest)
     */
    public record Progress(int done, RuntimeException failure) {

        public static Progress all(int count) {
            return new Progress(count, null);
        }
    }

    private record Delivered(String partition, KafkaEventRecord record, String value) {}

    /** @return false when the record must be delivered again */
    private boolean processOne(KafkaEventRecord record, String value, Consumer<String> handler, long budgetEnds) {
        Duration backoff = FIRST_BACKOFF;
        int unexpected = 0;
        while (true) {
            try {
                handler.accept(value);
                return true;
            } catch (RuntimeException e) {
                switch (Failures.classify(e)) {
                    case POISON -> {
                        return deadLetter(record, value, e);
                    }
                    case TRANSIENT -> {
                        if (System.nanoTime() + backoff.toNanos() > budgetEnds) {
                            log.warn(
                                    "Record {}-{}@{} still failing ({}); handed back to the trigger for redelivery",
                                    record.getTopic(),
                                    record.getPartition(),
                                    record.getOffset(),
                                    Failures.summary(e));
                            return false;
                        }
                    }
                    case UNEXPECTED -> {
                        if (++unexpected >= attempts) {
                            return deadLetter(record, value, e);
                        }
                        log.warn(
                                "Record {}-{}@{} failed (attempt {} of {}): {}",
                                record.getTopic(),
                                record.getPartition(),
                                record.getOffset(),
                                unexpected,
                                attempts,
                                Failures.summary(e));
                    }
                }
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** @return whether the dead letter was written */
    private boolean deadLetter(KafkaEventRecord record, String value, RuntimeException failure) {
        String key = record.getKey() == null
                ? null
                : new String(Base64.getDecoder().decode(record.getKey()), StandardCharsets.UTF_8);
        var dead = new ProducerRecord<String, String>(DeadLetters.topicOf(record.getTopic()), key, value);
        DeadLetters.describe(dead.headers(), record.getTopic(), record.getPartition(), record.getOffset(), failure);
        try {
            producer.sendRaw(dead).get(30, TimeUnit.SECONDS);
            log.error(
                    "Record {}-{}@{} dead-lettered to {}: {}",
                    record.getTopic(),
                    record.getPartition(),
                    record.getOffset(),
                    dead.topic(),
                    Failures.summary(failure));
            metrics.emit(Map.of("Topic", record.getTopic()), Metrics.Metric.count("DeadLetters", 1));
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "Record {}-{}@{} could not be dead-lettered ({}); handed back to the trigger",
                    record.getTopic(),
                    record.getPartition(),
                    record.getOffset(),
                    Failures.summary(e));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
