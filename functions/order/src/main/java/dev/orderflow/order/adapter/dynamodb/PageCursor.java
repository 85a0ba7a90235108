package dev.orderflow.order.adapter.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.orderflow.order.domain.InvalidInput;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The opaque {@code nextCursor} of the listing: the index position DynamoDB returned
 * ({@code LastEvaluatedKey}), as base64url text. Ids cannot hold control characters, so a newline
 * separates the parts safely.
 */
final class PageCursor {

    private PageCursor() {
    }

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        String text = lastEvaluatedKey.get("userId").s() + "\n" + lastEvaluatedKey.get("createdAt").s() + "\n"
                + lastEvaluatedKey.get("orderId").s();
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
        if (parts.length != 3 || parts[2].isEmpty() || !OrderMapper.isTimestamp(parts[1])) {
            throw new InvalidInput("cursor", "is not a cursor returned by this API");
        }
        if (!parts[0].equals(userId)) {
            throw new InvalidInput("cursor", "belongs to another userId");
        }
        return Map.of("userId", AttributeValue.fromS(parts[0]), "createdAt", AttributeValue.fromS(parts[1]),
                "orderId", AttributeValue.fromS(parts[2]));
    }
}
