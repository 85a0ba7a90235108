package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.contracts.Identifiers;
import dev.orderflow.order.domain.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextCursor} of the listing: the index position of the page's last order (user, creation time,
 * order id), as base64url text, from which DynamoDB continues ({@code ExclusiveStartKey}). Ids cannot hold control characters, so a newline
 * separates the parts safely.
 */
final class PageCursor {

    private PageCursor() {}

    /** The cursor of the page that follows {@code last}. */
    static String after(OrderRecords.OrderRecord last) {
        String text = last.userId + "\n" + last.createdAt + "\n" + last.orderId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String cursor, String userId) {
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
        // with
        // a ValidationException, which must never be the first to notice
        if (parts.length != 3
                || !OrderMapper.isTimestamp(parts[1])
                || Identifiers.problem(parts[2], false) != null
                || CustomerHoldings.isHoldingsKey(parts[2])) {
            throw new InvalidInput("cursor", "is not a cursor returned by this API");
        }
        if (!parts[0].equals(userId)) {
            throw new InvalidInput("cursor", "belongs to another userId");
        }
        return Map.of(
                "userId",
                AttributeValue.fromS(parts[0]),
                "createdAt",
                AttributeValue.fromS(parts[1]),
                "orderId",
                AttributeValue.fromS(parts[2]));
    }
}
