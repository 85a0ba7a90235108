package dev.orderflow.local.runner.triggers;

import dev.orderflow.local.runner.lambda.Functions;
import dev.orderflow.local.triggers.TriggerEvents;
import dev.orderflow.local.triggers.TriggerEvents.KafkaRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stand-in for Lambda's MSK event source mapping: the records one poll of the topic returned (Spring Cloud
 * Stream's Kafka binder in batch mode, up to the template's batch size) become the event MSK would send
 * ({@link TriggerEvents#msk}), handed to the function the template deploys, through the same handler as every
 * other local invocation. Its answer is read as the trigger reads {@code ReportBatchItemFailures}: when it hands a
 * record back, that record and the rest of the batch after it are delivered again
 * ({@link BatchListenerFailedException}), the records before it are committed; a function that fails outright gets
 * the whole batch again. Either way {@link ConsumerRetries} spaces the redeliveries out.
 */
final class KafkaTrigger implements Consumer<Message<List<byte[]>>> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String function;
    private final Functions functions;
    private final String bootstrapServers;

    KafkaTrigger(String function, Functions functions, String bootstrapServers) {
        this.function = function;
        this.functions = functions;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void accept(Message<List<byte[]>> batch) {
        List<KafkaRecord> records = records(batch);
        JsonNode response;
        try {
            response = JSON.readTree(
                    functions.invokeBatch(function, TriggerEvents.msk(records, bootstrapServers), records.size()));
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(
                    function + " failed on a batch of " + records.size() + " records", e, 0);
        }
        int first = records.size();
        for (JsonNode failure : response.path("batchItemFailures")) {
            String partition = failure.path("partition").asString();
            long offset = failure.path("offset").asLong();
            for (int i = 0; i < first; i++) {
                KafkaRecord record = records.get(i);
                if (partition.equals(record.topic() + "-" + record.partition()) && offset == record.offset()) {
                    first = i;
                }
            }
        }
        if (first < records.size()) {
            KafkaRecord handedBack = records.get(first);
            throw new BatchListenerFailedException(
                    function + " handed back " + handedBack.topic() + "-" + handedBack.partition() + "@"
                            + handedBack.offset() + " for redelivery",
                    first);
        }
    }

    /** The binder's batch: payloads in order, with each record's topic, partition, offset, key, time and headers in lists beside. */
    private static List<KafkaRecord> records(Message<List<byte[]>> batch) {
        MessageHeaders headers = batch.getHeaders();
        List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(headers, KafkaHeaders.OFFSET);
        List<?> keys = list(headers, KafkaHeaders.RECEIVED_KEY);
        List<?> timestamps = list(headers, KafkaHeaders.RECEIVED_TIMESTAMP);
        List<?> recordHeaders = list(headers, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<KafkaRecord> records = new ArrayList<>();
        for (int i = 0; i < batch.getPayload().size(); i++) {
            Map<String, byte[]> ofRecord = new LinkedHashMap<>();
            if (i < recordHeaders.size() && recordHeaders.get(i) instanceof Map<?, ?> map) {
                map.forEach((name, value) -> {
                    if (value instanceof byte[] || value instanceof String) {
                        ofRecord.put(String.valueOf(name), TriggerEvents.bytes(value));
                    }
                });
            }
            Object key = i < keys.size() ? keys.get(i) : null;
            records.add(new KafkaRecord(
                    String.valueOf(topics.get(i)),
                    ((Number) partitions.get(i)).intValue(),
                    ((Number) offsets.get(i)).longValue(),
                    i < timestamps.size() ? ((Number) timestamps.get(i)).longValue() : 0,
                    key == null ? null : TriggerEvents.bytes(key),
                    batch.getPayload().get(i),
                    ofRecord));
        }
        return records;
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> values ? values : List.of();
    }
}
