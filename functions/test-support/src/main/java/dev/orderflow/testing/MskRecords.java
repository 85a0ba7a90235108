package dev.orderflow.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts records of a test's choosing into an MSK event (one of {@code events/}'s), as the trigger delivers them: on
 * one partition, in the order given, keys and values base64-encoded, every other record of the event removed.
 */
public final class MskRecords {

    private MskRecords() {}

    /**
     * @param keys   one key per value (the same length)
     * @param offset the first record's offset; the others follow it
     */
    public static void replace(
            ObjectNode event, String topic, int partition, long offset, List<String> keys, List<String> values) {
        ArrayNode records = event.arrayNode();
        for (int i = 0; i < values.size(); i++) {
            records.addObject()
                    .put("topic", topic)
                    .put("partition", partition)
                    .put("offset", offset + i)
                    .put("timestamp", 1795688130041L)
                    .put("timestampType", "CREATE_TIME")
                    .put("key", base64(keys.get(i)))
                    .put("value", base64(values.get(i)))
                    .putArray("headers");
        }
        ((ObjectNode) event.get("records")).removeAll().set(topic + "-" + partition, records);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
