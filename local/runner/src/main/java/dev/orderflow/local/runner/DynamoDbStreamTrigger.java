package dev.orderflow.local.runner;

import java.time.Duration;
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
 * gives its stream triggers: a filter on the event name, batches of up to 100, and {@code ReportBatchItemFailures}. A batch is
 * handed to the function; on success the position moves past it; when the function reports a failed
 * record (or fails outright) the same records are retried from there after a backoff, so no record is
 * skipped. Positions are checkpointed after every batch.
 */
final class DynamoDbStreamTrigger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamTrigger.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH_SIZE = 100;
    /** How long an idle stream waits between polls when its records are on an order's way to its final status. */
    static final Duration CRITICAL_PATH_POLL = Duration.ofMillis(25);
    /** Lambda's own rate for DynamoDB Streams: four polls a second per shard. */
    static final Duration LAMBDA_POLL = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String table;
    private final String function;
    private final FunctionPool functions;
    private final StreamCheckpoints checkpoints;
    private final java.util.Set<String> eventNames;
    private final Duration idlePoll;
    private final Thread worker;
    private volatile boolean running = true;

    private DynamoDbStreamTrigger(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table, String function,
            FunctionPool functions, StreamCheckpoints checkpoints, java.util.Set<String> eventNames, Duration idlePoll) {
        this.eventNames = eventNames;
        this.idlePoll = idlePoll;
        this.dynamo = dynamo;
        this.streams = streams;
        this.table = table;
        this.function = function;
        this.functions = functions;
        this.checkpoints = checkpoints;
        this.worker = new Thread(this::run, "stream-trigger-" + table);
        this.worker.setDaemon(true);
    }

    /**
     * @param eventNames the stream records the function wants (the template's filter), e.g. INSERT
     * @param idlePoll   how long to wait after a poll that found nothing; after a poll with records the next follows at once
     */
    static DynamoDbStreamTrigger start(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table, String function,
            FunctionPool functions, StreamCheckpoints checkpoints, java.util.Set<String> eventNames, Duration idlePoll) {
        var trigger = new DynamoDbStreamTrigger(dynamo, streams, table, function, functions, checkpoints, eventNames, idlePoll);
        trigger.worker.start();
        log.info("Stream of table {} triggers function {}", table, function);
        return trigger;
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        String streamArn = null;
        Shard shard = null;
        String iterator = null;
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try {
                if (iterator == null) {
                    String arn = dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn();
                    // the local servers keep one shard per table; a real stream's shard lineage is Lambda's business on AWS
                    shard = streams.describeStream(d -> d.streamArn(arn)).streamDescription().shards().get(0);
                    streamArn = arn;
                    iterator = iteratorAfterCheckpoint(streamArn, shard.shardId());
                }
                String stream = streamArn;
                String shardId = shard.shardId();
                String position = iterator;
                GetRecordsResponse batch = streams.getRecords(r -> r.shardIterator(position).limit(BATCH_SIZE));
                List<Record> inserts = batch.records().stream().filter(r -> eventNames.contains(r.eventNameAsString())).toList();
                String failedAt = inserts.isEmpty() ? null : deliver(inserts, stream);
                if (failedAt == null) {
                    if (!batch.records().isEmpty()) {
                        checkpoints.put(stream, shardId, batch.records().get(batch.records().size() - 1).dynamodb().sequenceNumber());
                    } else {
                        pause(idlePoll);
                    }
                    iterator = batch.nextShardIterator();
                    backoff = Duration.ofMillis(100);
                } else {
                    String at = failedAt;
                    iterator = streams.getShardIterator(r -> r.streamArn(stream).shardId(shardId)
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(at)).shardIterator();
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
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
        try {
            JsonNode response = JSON.readTree(functions.invokeBatch(function, dev.orderflow.local.triggers.TriggerEvents.dynamoDbStream(records, streamArn), records.size()));
            JsonNode failures = response.path("batchItemFailures");
            if (failures.isEmpty()) {
                return null;
            }
            String failed = failures.get(0).path("itemIdentifier").asString();
            log.warn("{} reported record {} as failed; retrying from there", function, failed);
            return failed;
        } catch (RuntimeException e) {
            log.warn("{} failed on a batch of {} records ({}); retrying the batch", function, records.size(), e.toString());
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
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(checkpoint);
            }
        }).shardIterator();
    }

    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
