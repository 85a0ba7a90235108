package dev.orderflow.order.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** An order listing cursor is checked part by part after decoding: nothing DynamoDB would refuse reaches it. */
class PageCursorTest {

    private static final String CREATED = "2026-12-06T10:00:00.000000Z";

    @Test
    void aCursorOfTheCallersListingContinuesAfterItsOrder() {
        assertThat(PageCursor.decode(cursor("alice", CREATED, "7f1c2d"), "userId", "alice"::equals, "another userId")
                        .startKey())
                .containsKeys("userId", "createdAt", "orderId");
    }

    @Test
    void aHandMadeCursorWithAnOrderIdNoClientMaySendIs400() {
        for (String orderId : new String[] {
            "", "x".repeat(3_000), "a\u200Bb", CustomerHoldings.KEY_PREFIX + "alice", "history#7f1c2d#1"
        }) {
            assertThatThrownBy(() -> PageCursor.decode(
                            cursor("alice", CREATED, orderId), "userId", "alice"::equals, "another userId"))
                    .hasMessage("cursor: is not a cursor returned by this API");
        }
        assertThatThrownBy(() -> PageCursor.decode(
                        cursor("alice", "yesterday", "7f1c2d"), "userId", "alice"::equals, "another userId"))
                .hasMessage("cursor: is not a cursor returned by this API");
        assertThatThrownBy(() -> PageCursor.decode(
                        cursor("bob", CREATED, "7f1c2d"), "userId", "alice"::equals, "another userId"))
                .hasMessage("cursor: belongs to another userId");
    }

    private static String cursor(String user, String createdAt, String orderId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((user + "\n" + createdAt + "\n" + orderId).getBytes(StandardCharsets.UTF_8));
    }
}
