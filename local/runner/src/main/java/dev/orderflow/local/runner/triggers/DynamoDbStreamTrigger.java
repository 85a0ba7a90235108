package dev.orderflow.local.runner.triggers;

import dev.orderflow.local.runner.lambda.Functions;
import dev.orderflow.local.runner.template.FunctionEnvironment;
import dev.orderflow.local.runner.template.TemplateFunctions;
import dev.orderflow.local.triggers.TriggerEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stand-in for Lambda's DynamoDB Streams event source mapping, with the settings the template
 * gives its stream triggers: a filter on the event name, batches of up to 100, a batching window (records read are
 * gathered until it ends or the batch is full; without one a batch is what one poll read), and
 * {@code ReportBatchItemFailures}. A batch is handed to the function; on success the position moves past it; when the
 * function reports a failed record (or fails outright) the same records are retried from there after a backoff, so
 * no record is skipped. Positions are checkpointed after every batch.
 */
public final class DynamoDbStreamTrigger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamTrigger.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * How long an idle stream first waits between polls when its records are on an order's way to its final status;
     * the platform's system property {@code orderflow.outbox-poll-ms} sets it for experiments (the benchmark's).
     */
    public static final Duration CRITICAL_PATH_POLL = Duration.ofMillis(Long.getLong("orderflow.outbox-poll-ms", 25));
    /** Lambda's own rate for DynamoDB Streams: four polls a second per shard. */
    public static final Duration LAMBDA_POLL = Duration.ofMillis(250);
    /**
     * How long after its last records (or a wake-up) a stream is still polled at its first rate: an order's events
     * follow each other within that (the answer's update comes a few hundred milliseconds after the order).
     */
    static final Duration STAY_QUICK = Duration.ofSeconds(2);
    /** The longest wait between polls of a stream that keeps finding nothing (past {@link #STAY_QUICK}, each empty poll doubles it). */
    static final Duration MAX_IDLE_POLL = Duration.ofSeconds(5);

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String table;
    private final TemplateFunctions.StreamSource source;
    private final Functions functions;
    private final StreamCheckpoints checkpoints;
    private final Duration idlePoll;
    private final Thread worker;
    private volatile boolean running = true;
    private volatile boolean woken;

    private DynamoDbStreamTrigger(
            DynamoDbClient dynamo,
            DynamoDbStreamsClient streams,
            TemplateFunctions.StreamSource source,
            Functions functions,
            StreamCheckpoints checkpoints,
            Duration idlePoll) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.table = FunctionEnvironment.table(source.tableVariable());
        this.source = source;
        this.functions = functions;
        this.checkpoints = checkpoints;
        this.idlePoll = idlePoll;
        this.worker = new Thread(this::run, "stream-trigger-" + table);
        this.worker.setDaemon(true);
    }

    /**
     * @param idlePoll how long to wait after a poll that found nothing; {@link #STAY_QUICK} after the last records,
     *                 doubling while polls keep finding nothing, up to {@link #MAX_IDLE_POLL}; after a poll that filled
     *                 its batch the next follows at once, after one that emptied the shard {@code idlePoll} after it
     *                 (an immediate one would find nothing: records come apart), and {@link #wake()} cuts any wait
     *                 short and makes the stream quick again
     */
    public static DynamoDbStreamTrigger start(
            DynamoDbClient dynamo,
            DynamoDbStreamsClient streams,
            TemplateFunctions.StreamSource source,
            Functions functions,
            StreamCheckpoints checkpoints,
            Duration idlePoll) {
        var trigger = new DynamoDbStreamTrigger(dynamo, streams, source, functions, checkpoints, idlePoll);
        trigger.worker.start();
        log.info("Stream of table {} triggers function {}", trigger.table, source.function());
        return trigger;
    }

    /** Work may be waiting (a request just wrote): poll now instead of at the end of an idle wait. */
    public void wake() {
        woken = true;
        LockSupport.unpark(worker);
    }

    /** Stops after the batch in hand, if any, has been handed over. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        String streamArn = null;
        Shard shard = null;
        String iterator = null;
        Duration backoff = Duration.ofMillis(100);
        Duration idle = idlePoll;
        long lastActive = System.nanoTime();
        // the records read and wanted but not yet handed over (within the batching window), and the last one read
        List<Record> gathered = new ArrayList<>();
        String lastRead = null;
        long windowEnds = 0;
        while (running) {
            try {
                if (iterator == null) {
                    String arn = dynamo.describeTable(d -> d.tableName(table))
                            .table()
                            .latestStreamArn();
                    // the local servers keep one shard per table; a real stream's shard lineage is Lambda's business on
                    // AWS
                    shard = streams.describeStream(d -> d.streamArn(arn))
                            .streamDescription()
                            .shards()
                            .get(0);
                    streamArn = arn;
                    iterator = iteratorAfterCheckpoint(streamArn, shard.shardId());
                    // read again from the checkpoint
                    gathered.clear();
                    lastRead = null;
                }
                String stream = streamArn;
                String shardId = shard.shardId();
                String position = iterator;
                if (woken) {
                    woken = false;
                    lastActive = System.nanoTime();
                    idle = idlePoll;
                }
                int wanted = source.batchSize() - gathered.size();
                long polledAt = System.nanoTime();
                GetRecordsResponse batch =
                        streams.getRecords(r -> r.shardIterator(position).limit(wanted));
                iterator = batch.nextShardIterator();
                // fewer than asked for: the shard held no more when it answered, so the next poll keeps the rate
                boolean drained = batch.records().size() < wanted;
                if (!batch.records().isEmpty()) {
                    lastRead = batch.records()
                            .get(batch.records().size() - 1)
                            .dynamodb()
                            .sequenceNumber();
                    lastActive = System.nanoTime();
                    idle = idlePoll;
                }
                boolean first = gathered.isEmpty();
                batch.records().stream()
                        .filter(r -> source.eventNames().contains(r.eventNameAsString()))
                        .forEach(gathered::add);
                if (first && !gathered.isEmpty()) {
                    windowEnds = System.nanoTime() + source.batchingWindow().toNanos();
                }
                long now = System.nanoTime();
                if (!gathered.isEmpty() && gathered.size() < source.batchSize() && now < windowEnds) {
                    // within the batching window: read on at the stream's rate until it ends or the batch is full
                    pauseUntil(Math.min(now + idle.toNanos(), windowEnds));
                    continue;
                }
                String failedAt = gathered.isEmpty() ? null : deliver(List.copyOf(gathered), stream);
                gathered.clear();
                if (failedAt == null) {
                    if (lastRead != null) {
                        checkpoints.put(stream, shardId, lastRead);
                        lastRead = null;
                        if (drained) {
                            pauseUntil(polledAt + idle.toNanos());
                        }
                    } else {
                        pause(idle);
                        if (System.nanoTime() - lastActive > STAY_QUICK.toNanos()) {
                            idle = idle.multipliedBy(2).compareTo(MAX_IDLE_POLL) > 0
                                    ? MAX_IDLE_POLL
                                    : idle.multipliedBy(2);
                        }
                    }
                    backoff = Duration.ofMillis(100);
                } else {
                    lastRead = null;
                    iterator = streams.getShardIterator(r -> r.streamArn(stream)
                                    .shardId(shardId)
                                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                    .sequenceNumber(failedAt))
                            .shardIterator();
                    pause(backoff);
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Reading the stream of {} failed ({}); retrying", table, e.toString());
                    iterator = null;
                    pause(MAX_BACKOFF);
                }
            }
        }
    }

    /** Hands the batch to the function; returns the sequence number to retry from, or null when all went through. */
    private String deliver(List<Record> records, String streamArn) {
        String function = source.function();
        try {
            JsonNode response = JSON.readTree(
                    functions.invokeBatch(function, TriggerEvents.dynamoDbStream(records, streamArn), records.size()));
            JsonNode failures = response.path("batchItemFailures");
            if (failures.isEmpty()) {
                return null;
            }
            String failed = failures.get(0).path("itemIdentifier").asString();
            log.warn("{} reported record {} as failed; retrying from there", function, failed);
            return failed;
        } catch (Functions.Unavailable e) {
            // said once by the invoker when the service goes and when it is back; the batch waits for it
            log.debug("{}: {}", function, e.getMessage());
            return records.get(0).dynamodb().sequenceNumber();
        } catch (RuntimeException e) {
            if (running) {
                log.warn(
                        "{} failed on a batch of {} records ({}); retrying the batch",
                        function,
                        records.size(),
                        e.toString());
            }
            return records.get(0).dynamodb().sequenceNumber();
        }
    }

    private String iteratorAfterCheckpoint(String streamArn, String shardId) {
        String checkpoint = checkpoints.get(streamArn, shardId);
        return streams.getShardIterator(r -> {
                    r.streamArn(streamArn).shardId(shardId);
                    if (checkpoint == null) {
                        r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                    } else {
                        r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                .sequenceNumber(checkpoint);
                    }
                })
                .shardIterator();
    }

    /** Waits, unless stopping or woken. */
    private void pause(Duration duration) {
        if (running && !woken) {
            LockSupport.parkNanos(duration.toNanos());
        }
    }

    /** Waits until {@link System#nanoTime()} reaches {@code deadline} (not at all if it has), unless stopping or woken. */
    private void pauseUntil(long deadline) {
        pause(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
}
