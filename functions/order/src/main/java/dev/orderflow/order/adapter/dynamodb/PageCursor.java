package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.contracts.Identifiers;
import dev.orderflow.order.domain.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextCursor} of a listing: the index position of the page's last order (the index's partition -
 * a user, a status or a month -, creation time, order id), as base64url text, from which DynamoDB continues
 * ({@code ExclusiveStartKey}). Ids cannot hold control characters, so a newline separates the parts safely.
 */
final class PageCursor {

    private PageCursor() {}

    /** The cursor of the page that follows the order {@code last}, in the index partition {@code partition}. */
    static String after(String partition, OrderRecords.OrderRecord last) {
        return at(partition, last.createdAt, last.orderId);
    }

    /** The cursor of the page that follows an index position DynamoDB returned (its {@code LastEvaluatedKey}). */
    static String after(String partition, Map<String, AttributeValue> lastEvaluated) {
        return at(
                partition,
                lastEvaluated.get("createdAt").s(),
                lastEvaluated.get("orderId").s());
    }

    private static String at(String partition, String createdAt, String orderId) {
        String text = partition + "\n" + createdAt + "\n" + orderId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where a page starts: null for the first page.
     *
     * @param partitionAttribute the index's partition key
     * @param partitionFits      whether the cursor's partition belongs to this listing
     * @param otherListing       what to say when it does not
     */
    static Position decode(
            String cursor, String partitionAttribute, Predicate<String> partitionFits, String otherListing) {
        if (cursor == null) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        // each part checked as the API checks it where a client sends it: DynamoDB refuses an empty or oversized key
        // with a ValidationException, which must never be the first to notice
        if (parts.length != 3
                || Identifiers.problem(parts[0], false) != null
                || !OrderMapper.isTimestamp(parts[1])
                || Identifiers.problem(parts[2], false) != null
                || OrderRecords.isReservedKey(parts[2])) {
            throw new InvalidInput("cursor", "is not a cursor returned by this API");
        }
        if (!partitionFits.test(parts[0])) {
            throw new InvalidInput("cursor", "belongs to " + otherListing);
        }
        return new Position(
                parts[0],
                Map.of(
                        partitionAttribute,
                        AttributeValue.fromS(parts[0]),
                        "createdAt",
                        AttributeValue.fromS(parts[1]),
                        "orderId",
                        AttributeValue.fromS(parts[2])));
    }

    /** A page's start: the index partition and the key to continue after. */
    record Position(String partition, Map<String, AttributeValue> startKey) {}
}
