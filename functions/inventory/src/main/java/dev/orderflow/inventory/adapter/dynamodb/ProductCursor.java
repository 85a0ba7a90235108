package dev.orderflow.inventory.adapter.dynamodb;

import dev.orderflow.contracts.Identifiers;
import dev.orderflow.inventory.domain.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The opaque {@code nextCursor} of the product listing: the last product id of the page, a format tag and a
 * checksum, as base64url text. The checksum is no secret: it tells a cursor this API returned from garbage or a
 * hand-made one (say, the base64 of a product id), which get a 400 instead of a silently wrong page. Ids cannot
 * hold control characters, so a newline separates the parts safely.
 */
final class ProductCursor {

    private static final String TAG = "p1";
    private static final String INVALID = "is not a cursor returned by this API";

    private ProductCursor() {}

    static String encode(String lastProductId) {
        String body = TAG + "\n" + lastProductId;
        String text = body + "\n" + checksum(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the product id to continue after */
    static String decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("cursor", INVALID);
        }
        int last = text.lastIndexOf('\n');
        if (!text.startsWith(TAG + "\n")
                || last <= TAG.length()
                || !text.substring(last + 1).equals(checksum(text.substring(0, last)))) {
            throw new InvalidInput("cursor", INVALID);
        }
        String productId = text.substring(TAG.length() + 1, last);
        // the checksum is public: a hand-made cursor can carry any id, so it is checked as a product id sent by a
        // client
        // is (DynamoDB refuses an empty or oversized key with a ValidationException, which must never be the first to
        // notice)
        if (Identifiers.problem(productId, true) != null) {
            throw new InvalidInput("cursor", INVALID);
        }
        return productId;
    }

    private static String checksum(String body) {
        var crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
