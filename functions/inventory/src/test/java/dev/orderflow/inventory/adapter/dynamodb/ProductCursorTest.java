package dev.orderflow.inventory.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A product cursor is checked after decoding as a product id is: its checksum is public, so a hand-made one with a
 * valid checksum can carry an id DynamoDB would refuse (empty, over 2,048 bytes), which would be a 500 on AWS.
 */
class ProductCursorTest {

    @Test
    void aCursorThisApiReturnedLeadsBackToItsProduct() {
        assertThat(ProductCursor.decode(ProductCursor.encode("sku-1 чайник"))).isEqualTo("sku-1 чайник");
    }

    @Test
    void aHandMadeCursorWithAValidChecksumButAnIdNoClientMaySendIs400() {
        for (String id : new String[] {"", " ", "x".repeat(3_000), "a/b", "sku\u202E1"}) {
            assertThatThrownBy(() -> ProductCursor.decode(handMade(id)))
                    .as("[%s]", id.length() > 20 ? id.length() + " chars" : id)
                    .hasMessage("cursor: is not a cursor returned by this API");
        }
    }

    /** What anyone can make: the format is visible in any cursor, and CRC32 is no secret. */
    private static String handMade(String productId) {
        String body = "p1\n" + productId;
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        String text = body + "\n" + Long.toHexString(crc.getValue());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
