package dev.orderflow.local.triggers;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events Lambda's triggers hand a function, made from what was read from the source: DynamoDB Streams records
 * ({@code aws:dynamodb}) and Kafka records ({@code aws:kafka}, as the MSK event source mapping sends them). The local
 * runner's triggers and the cost benchmark invoke the deployed functions with these.
 */
public final class TriggerEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TriggerEvents() {}

    /** A record read from Kafka; {@code key} and {@code value} may be null. */
    public record KafkaRecord(
            String topic,
            int partition,
            long offset,
            long timestamp,
            byte[] key,
            byte[] value,
            Map<String, byte[]> headers) {}

    /**
     * The MSK trigger's event: records grouped by {@code topic-partition} in the order given, keys and values base64,
     * header values as arrays of bytes.
     */
    public static byte[] msk(List<KafkaRecord> records, String bootstrapServers) {
        ObjectNode event = JSON.createObjectNode()
                .put("eventSource", "aws:kafka")
                .put("eventSourceArn", "arn:aws:kafka:local:000000000000:cluster/orderflow/local")
                .put("bootstrapServers", bootstrapServers);
        Map<String, ArrayNode> partitions = new LinkedHashMap<>();
        ObjectNode byPartition = event.putObject("records");
        for (KafkaRecord record : records) {
            ArrayNode ofPartition =
                    partitions.computeIfAbsent(record.topic() + "-" + record.partition(), byPartition::putArray);
            ObjectNode node = ofPartition
                    .addObject()
                    .put("topic", record.topic())
                    .put("partition", record.partition())
                    .put("offset", record.offset())
                    .put("timestamp", record.timestamp())
                    .put("timestampType", "CREATE_TIME");
            if (record.key() != null) {
                node.put("key", Base64.getEncoder().encodeToString(record.key()));
            }
            if (record.value() != null) {
                node.put("value", Base64.getEncoder().encodeToString(record.value()));
            }
            ArrayNode headers = node.putArray("headers");
            record.headers().forEach((name, value) -> {
                ArrayNode octets = headers.addObject().putArray(name);
                for (byte b : value) {
                    octets.add(b);
                }
            });
        }
        return JSON.writeValueAsBytes(event);
    }

    /** Header values as Kafka clients and Spring hand them over (bytes, or text). */
    public static byte[] bytes(Object value) {
        return value instanceof byte[] raw ? raw : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The DynamoDB Streams trigger's event ({@code Records}, images in DynamoDB JSON). */
    public static byte[] dynamoDbStream(List<Record> records, String streamArn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record record : records) {
            ObjectNode node = array.addObject();
            node.put("eventID", record.eventID());
            node.put("eventName", record.eventNameAsString());
            node.put("eventVersion", record.eventVersion());
            node.put("eventSource", "aws:dynamodb");
            node.put("awsRegion", record.awsRegion());
            ObjectNode dynamodb = node.putObject("dynamodb");
            var stream = record.dynamodb();
            if (stream.approximateCreationDateTime() != null) {
                dynamodb.put(
                        "ApproximateCreationDateTime",
                        stream.approximateCreationDateTime().getEpochSecond());
            }
            image(dynamodb, "Keys", stream.keys());
            image(dynamodb, "NewImage", stream.newImage());
            image(dynamodb, "OldImage", stream.oldImage());
            dynamodb.put("SequenceNumber", stream.sequenceNumber());
            dynamodb.put("SizeBytes", stream.sizeBytes());
            dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
            node.put("eventSourceARN", streamArn);
        }
        return JSON.writeValueAsBytes(event);
    }

    private static void image(ObjectNode parent, String name, Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return;
        }
        ObjectNode node = parent.putObject(name);
        image.forEach((attribute, value) -> node.set(attribute, value(value)));
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> value.bs().forEach(b -> node.withArray("BS").add(base64(b)));
            case L -> value.l().forEach(item -> node.withArray("L").add(value(item)));
            case M -> {
                ObjectNode map = node.putObject("M");
                value.m().forEach((key, item) -> map.set(key, value(item)));
            }
            default -> throw new IllegalArgumentException("unsupported attribute type " + value.type());
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
