package dev.orderflow.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestValidationTest {

    private static final List<NewOrder.NewLine> ONE_LINE = List.of(new NewOrder.NewLine("sku-1", 1));

    @Test
    void acceptsAWellFormedOrder() {
        assertThat(new NewOrder("user-1", ONE_LINE).orderItems()).hasSize(1);
    }

    @Test
    void rejectsMissingOrBlankUser() {
        assertInvalid(() -> new NewOrder(null, ONE_LINE), "userId", "is required");
        assertInvalid(() -> new NewOrder("  ", ONE_LINE), "userId", "must not be blank");
    }

    @Test
    void rejectsIdsThatAreTooLongOrHoldControlCharacters() {
        assertInvalid(() -> new NewOrder("u".repeat(129), ONE_LINE), "userId", "at most 128");
        assertInvalid(() -> new NewOrder("user\u0000", ONE_LINE), "userId", "control characters");
        assertInvalid(
                () -> new NewOrder("user-1", List.of(new NewOrder.NewLine("sku\n1", 1))),
                "orderItems[0].productId",
                "control characters");
    }

    @Test
    void aProductIdWithASlashCouldNeverBeInStockAndIsRefused() {
        assertInvalid(
                () -> new NewOrder("user/1", List.of(new NewOrder.NewLine("sku/1", 1))),
                "orderItems[0].productId",
                "must not contain '/'");
    }

    @Test
    void anUnknownStatusNamesOnlyWhatAClientMaySet() {
        assertInvalid(
                () -> OrderStatus.parse("status", "BOGUS"),
                "status",
                "must be one of the statuses a client may set: [PAID, SHIPPED, DELIVERED, CANCELED]");
        assertInvalid(
                () -> LineStatus.parse("orderItems[0].status", "DONE"),
                "orderItems[0].status",
                "must be CANCELED, the only line status a client may set");
    }

    @Test
    void rejectsEmptyAndOversizedOrders() {
        assertInvalid(() -> new NewOrder("user-1", List.of()), "orderItems", "at least one");
        var lines = new ArrayList<NewOrder.NewLine>();
        for (int i = 0; i <= Limits.MAX_LINES; i++) {
            lines.add(new NewOrder.NewLine("sku-" + i, 1));
        }
        assertInvalid(() -> new NewOrder("user-1", lines), "orderItems", "at most 50");
    }

    @Test
    void rejectsDuplicateProducts() {
        assertInvalid(
                () -> new NewOrder(
                        "user-1", List.of(new NewOrder.NewLine("sku-1", 1), new NewOrder.NewLine("sku-1", 2))),
                "orderItems[1].productId",
                "duplicates");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_001, Integer.MAX_VALUE})
    void rejectsQuantitiesOutsideOneToTenThousand(int quantity) {
        assertInvalid(
                () -> new NewOrder("user-1", List.of(new NewOrder.NewLine("sku-1", quantity))),
                "orderItems[0].quantity",
                "between 1 and 10000");
    }

    @Test
    void aChangeNeedsAStatusOrLinesOrBoth() {
        assertInvalid(() -> new OrderChange(null, null), "body", "status or orderItems");
        assertThat(new OrderChange(OrderStatus.PAID, List.of(new OrderChange.LineChange("a", 1, LineStatus.EXECUTED)))
                        .orderItems())
                .hasSize(1);
    }

    @Test
    void aLineChangeNeedsAQuantityOrAStatusOrBoth() {
        assertInvalid(
                () -> new OrderChange(null, List.of(new OrderChange.LineChange("a", null, null))),
                "orderItems[0]",
                "quantity or status");
        assertThat(new OrderChange(null, List.of(new OrderChange.LineChange("a", 2, LineStatus.CANCELED))).orderItems())
                .hasSize(1);
    }

    private static void assertInvalid(Runnable action, String field, String problem) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(problem);
    }
}
