package dev.orderflow.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.contracts.EventRules;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What Order Management publishes is what Inventory's consumer accepts: a status added to the order model but not to
 * {@link EventRules} would make every event carrying it poison.
 */
class EventRulesAgreementTest {

    @Test
    void theStatusesAndBoundsConsumersCheckAreTheOrderModels() {
        assertThat(EventRules.ORDER_STATUSES)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(OrderStatus.values()).map(Enum::name).toList());
        assertThat(EventRules.LINE_STATUSES)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(LineStatus.values()).map(Enum::name).toList());
        assertThat(Limits.MAX_LINES).isEqualTo(EventRules.MAX_LINES);
        assertThat(Limits.MAX_QUANTITY).isEqualTo(EventRules.MAX_QUANTITY);
    }
}
