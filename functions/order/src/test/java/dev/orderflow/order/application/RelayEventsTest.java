package dev.orderflow.order.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.contracts.TraceContext;
import dev.orderflow.order.application.EventPublisher.RelayedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The relay sends a batch at once and says how far the broker acknowledged it, in the batch's order. */
class RelayEventsTest {

    private static final TraceContext CAUSE =
            new TraceContext("req-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    private final List<String> sent = new ArrayList<>();

    @Test
    void aBatchTheBrokerAcknowledgedIsRelayedWhole() {
        RelayEvents.Outcome outcome =
                new RelayEvents(acknowledgingAllBut(null)).relay(List.of(event("e-1"), event("e-2")));

        assertThat(outcome.firstUnacknowledged()).isEqualTo(-1);
        assertThat(outcome.failure()).isNull();
        assertThat(sent).containsExactly("e-1", "e-2");
    }

    @Test
    void theFirstEventNotAcknowledgedIsWhereTheRelayStopsWhateverCameAfterIt() {
        RelayEvents.Outcome outcome =
                new RelayEvents(acknowledgingAllBut("e-2")).relay(List.of(event("e-1"), event("e-2"), event("e-3")));

        assertThat(outcome.firstUnacknowledged()).isEqualTo(1);
        assertThat(outcome.failure()).hasMessage("broker away");
        assertThat(sent).as("all handed over at once").containsExactly("e-1", "e-2", "e-3");
    }

    @Test
    void aPublisherThatThrowsInsteadOfFailingItsFutureStopsTheRelayThereToo() {
        EventPublisher throwing = event -> {
            throw new IllegalStateException("producer closed");
        };

        RelayEvents.Outcome outcome = new RelayEvents(throwing).relay(List.of(event("e-1")));

        assertThat(outcome.firstUnacknowledged()).isZero();
        assertThat(outcome.failure()).hasMessage("producer closed");
    }

    private EventPublisher acknowledgingAllBut(String failing) {
        return event -> {
            sent.add(event.eventId());
            return event.eventId().equals(failing)
                    ? CompletableFuture.failedFuture(new IllegalStateException("broker away"))
                    : CompletableFuture.completedFuture(null);
        };
    }

    private static RelayedEvent event(String id) {
        return new RelayedEvent(id, "order-events", "ord-1", "dev.orderflow.order.created.v1", "{}", CAUSE);
    }
}
