package dev.orderflow.local.runner.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.runner.LocalSystem;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local system takes its functions, services and triggers from the SAM template, not from a list of its own. */
class TemplateFunctionsTest {

    private final TemplateFunctions template = TemplateFunctions.read(LocalSystem.template());

    @Test
    void everyFunctionBelongsToTheServiceItsCodeComesFrom() {
        assertThat(template.services()).containsExactlyInAnyOrder("order", "inventory");
        assertThat(template.serviceOf())
                .containsEntry("createOrder", "order")
                .containsEntry("relayOrderEvents", "order")
                .containsEntry("onInventoryEventBatch", "order")
                .containsEntry("addProduct", "inventory")
                .containsEntry("onOrderEventBatch", "inventory")
                .containsEntry("detectStockAlerts", "inventory");
        assertThat(template.mainClasses("order"))
                .containsEntry("createOrder", "dev.orderflow.order.config.OrderApplication")
                .doesNotContainKey("addProduct");
    }

    @Test
    void eachServiceConsumesItsTopicAsItsOwnConsumerGroupInTheTemplatesBatches() {
        assertThat(template.kafkaSources("inventory"))
                .containsExactly(
                        new TemplateFunctions.KafkaSource("onOrderEventBatch", "order-events", "inventory", 100));
        assertThat(template.kafkaSources("order"))
                .containsExactly(new TemplateFunctions.KafkaSource(
                        "onInventoryEventBatch", "inventory-events", "order-management", 100));
    }

    @Test
    void schedulesRunTheFunctionsTheTemplatesScheduleAtTheirRates() {
        assertThat(template.schedules())
                .containsExactlyInAnyOrder(
                        new TemplateFunctions.ScheduleSource("redrivePendingOrders", Duration.ofMinutes(1)),
                        new TemplateFunctions.ScheduleSource("expireUnpaidOrders", Duration.ofMinutes(1)));
        assertThat(TemplateFunctions.rate("rate(2 hours)")).isEqualTo(Duration.ofHours(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TemplateFunctions.rate("cron(0 12 * * ? *)"))
                .hasMessageContaining("rate(...) schedules only");
    }

    @Test
    void streamTriggersNameTheirTableByItsVariableAndKeepTheTemplatesFilterAndBatchingWindow() {
        assertThat(template.streamSources())
                .containsExactlyInAnyOrder(
                        new TemplateFunctions.StreamSource(
                                "relayOrderEvents", "ORDER_OUTBOX_TABLE", Set.of("INSERT"), 100, Duration.ZERO),
                        new TemplateFunctions.StreamSource(
                                "detectStockAlerts",
                                "PRODUCTS_TABLE",
                                Set.of("INSERT", "MODIFY"),
                                100,
                                Duration.ofSeconds(1)));
        assertThat(FunctionEnvironment.table("ORDER_OUTBOX_TABLE")).isEqualTo("order-outbox");
    }
}
