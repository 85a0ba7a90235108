package dev.orderflow.local.runner.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.KafkaAcls;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local broker's rights per service are read from the IAM policies the templates give each service's functions. */
class KafkaRightsTest {

    private final Map<String, KafkaAcls.Grant> rights =
            KafkaRights.of(SamTemplates.fromFile(Path.of("../../infra/template.yaml")));

    @Test
    void
            orderManagementWritesOrderEventsAndTheDeadLettersOfWhatItReadsReadsInventoryAnswersAsItsGroupAndSeesHowFarReplayTookItsDeadLetters() {
        assertThat(rights.get("order"))
                .isEqualTo(new KafkaAcls.Grant(
                        "order",
                        Set.of("inventory-events"),
                        Set.of("order-events", "inventory-events.dlq"),
                        Set.of("order-management"),
                        Set.of(),
                        Set.of("dlq-replay")));
    }

    @Test
    void
            inventoryWritesItsAnswersAlertsAndTheDeadLettersOfWhatItReadsReadsOrderEventsAsItsGroupAndSeesHowFarReplayTookItsDeadLetters() {
        assertThat(rights.get("inventory"))
                .isEqualTo(new KafkaAcls.Grant(
                        "inventory",
                        Set.of("order-events"),
                        Set.of("inventory-events", "inventory-alerts", "order-events.dlq"),
                        Set.of("inventory"),
                        Set.of(),
                        Set.of("dlq-replay")));
    }

    @Test
    void noOtherServiceHasRights() {
        assertThat(rights).containsOnlyKeys("order", "inventory");
    }
}
