package dev.orderflow.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.contracts.EventRules;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Inventory's typed vocabulary names exactly what the contracts let through: every status, action and reason a
 * checked event may carry maps to one of its values (a value the contracts allow but the enum lacks would turn a
 * valid event into a failure), and it has none the contracts do not know.
 */
class InventoryVocabularyTest {

    @Test
    void orderStatusesAreTheContractsOrderStatuses() {
        assertThat(names(OrderSnapshot.Status.values())).isEqualTo(EventRules.ORDER_STATUSES);
    }

    @Test
    void lineStatusesAreTheContractsLineStatuses() {
        assertThat(names(LineStatus.values())).isEqualTo(EventRules.LINE_STATUSES);
    }

    @Test
    void answersSayWhatTheContractsLetAnAnswerSay() {
        assertThat(names(Outcome.Action.values())).isEqualTo(EventRules.ANSWER_ACTIONS);
        assertThat(names(Outcome.Reason.values())).isEqualTo(EventRules.ANSWER_REASONS);
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
