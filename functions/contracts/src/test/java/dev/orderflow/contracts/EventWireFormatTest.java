package dev.orderflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the JSON of every event to a golden file. Consumers in other services (and other languages) parse
 * these bytes: a failing test here means a breaking wire change, which needs a new event type version.
 */
class EventWireFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-11-26T10:15:30.123456Z");
    private static final TraceContext CAUSE =
            new TraceContext("checkout-7f3a", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    @Test
    void orderCreatedMatchesGoldenFile() {
        var event = CloudEvent.of(
                "6f1c2d3e-0000-4000-8000-000000000001",
                "/oms/orders",
                OrderCreated.TYPE,
                "ord-1",
                T0,
                CAUSE,
                new OrderCreated(
                        "ord-1",
                        "user-7",
                        1,
                        "PENDING",
                        List.of(
                                new OrderLineSnapshot("sku-1", 2, "PENDING", null),
                                new OrderLineSnapshot("sku-2", 1, "PENDING", null)),
                        T0));

        assertSameJson(event, "golden/order-created.json");
        assertThat(roundTrip("golden/order-created.json", new TypeReference<CloudEvent<OrderCreated>>() {}))
                .isEqualTo(event);
    }

    @Test
    void orderUpdatedMatchesGoldenFile() {
        var event = CloudEvent.of(
                "6f1c2d3e-0000-4000-8000-000000000002",
                "/oms/orders",
                OrderUpdated.TYPE,
                "ord-1",
                T0,
                CAUSE,
                new OrderUpdated(
                        "ord-1",
                        "user-7",
                        3,
                        "CONFIRMED",
                        "CANCELED",
                        List.of(new OrderLineSnapshot("sku-1", 2, "CANCELED", "CANCELED_BY_CUSTOMER")),
                        T0));

        assertSameJson(event, "golden/order-updated.json");
        assertThat(roundTrip("golden/order-updated.json", new TypeReference<CloudEvent<OrderUpdated>>() {}))
                .isEqualTo(event);
    }

    /** The signal a notification service listens for when an unpaid order expires: an OrderUpdated with status EXPIRED. */
    @Test
    void anExpiredOrderIsAnOrderUpdatedWithStatusExpired() {
        var event = CloudEvent.of(
                "6f1c2d3e-0000-4000-8000-000000000005",
                "/oms/orders",
                OrderUpdated.TYPE,
                "ord-1",
                T0,
                CAUSE,
                new OrderUpdated(
                        "ord-1",
                        "user-7",
                        3,
                        "PARTIALLY_CONFIRMED",
                        "EXPIRED",
                        List.of(
                                new OrderLineSnapshot("sku-1", 2, "CANCELED", "PAYMENT_TIMEOUT"),
                                new OrderLineSnapshot("sku-2", 1, "CANCELED", "OUT_OF_STOCK")),
                        T0));

        assertSameJson(event, "golden/order-expired.json");
        assertThat(roundTrip("golden/order-expired.json", new TypeReference<CloudEvent<OrderUpdated>>() {}))
                .isEqualTo(event);
    }

    @Test
    void reservationOutcomeMatchesGoldenFile() {
        var event = CloudEvent.of(
                "6f1c2d3e-0000-4000-8000-000000000003",
                "/inventory",
                ReservationOutcome.TYPE,
                "ord-1",
                T0,
                CAUSE,
                new ReservationOutcome(
                        "ord-1",
                        1,
                        ReservationOutcome.RESERVED,
                        List.of(
                                new ReservationOutcome.OutcomeLine("sku-1", 2, "EXECUTED", null),
                                new ReservationOutcome.OutcomeLine("sku-2", 1, "CANCELED", "OUT_OF_STOCK")),
                        T0));

        assertSameJson(event, "golden/reservation-outcome.json");
        assertThat(roundTrip("golden/reservation-outcome.json", new TypeReference<CloudEvent<ReservationOutcome>>() {}))
                .isEqualTo(event);
    }

    @Test
    void stockAlertMatchesGoldenFile() {
        var event = CloudEvent.of(
                "6f1c2d3e-0000-4000-8000-000000000004",
                "/inventory",
                StockAlert.TYPE,
                "sku-1",
                T0,
                CAUSE,
                new StockAlert(StockAlert.LOW_STOCK, "sku-1", 3, 5, 12, T0));

        assertSameJson(event, "golden/stock-alert.json");
        assertThat(roundTrip("golden/stock-alert.json", new TypeReference<CloudEvent<StockAlert>>() {}))
                .isEqualTo(event);
    }

    @Test
    void topicNamesAreStable() {
        assertThat(List.of(Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.INVENTORY_ALERTS))
                .containsExactly("order-events", "inventory-events", "inventory-alerts");
    }

    private static void assertSameJson(Object event, String goldenFile) {
        JsonNode actual = JSON.readTree(JSON.writeValueAsString(event));
        assertThat(actual).isEqualTo(JSON.readTree(read(goldenFile)));
    }

    private static <T> T roundTrip(String goldenFile, TypeReference<T> type) {
        return JSON.readValue(read(goldenFile), type);
    }

    private static String read(String resource) {
        try (InputStream in = EventWireFormatTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
