package dev.orderflow.local.runner;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns records read with the DynamoDB Streams API into the JSON Lambda hands a stream-triggered function. */
final class StreamRecordJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamRecordJson() {
    }

    static byte[] lambdaEvent(List<Record> records, String streamArn) {
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
                dynamodb.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
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
