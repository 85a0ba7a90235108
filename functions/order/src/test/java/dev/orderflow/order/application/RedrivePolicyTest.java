package dev.orderflow.order.application;

import static dev.orderflow.order.application.RedrivePolicy.Decision.GIVE_UP;
import static dev.orderflow.order.application.RedrivePolicy.Decision.REDRIVE;
import static dev.orderflow.order.application.RedrivePolicy.Decision.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedrivePolicyTest {

    private static final Instant PLACED = Instant.parse("2026-12-01T10:00:00Z");
    private static final RedrivePolicy POLICY = new RedrivePolicy(
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(5));

    @Test
    void anOrderIsFirstPublishedAgainAfterTheInitialWait() {
        assertThat(POLICY.decide(PLACED, 0, null, PLACED.plusSeconds(29))).isEqualTo(WAIT);
        assertThat(POLICY.decide(PLACED, 0, null, PLACED.plusSeconds(30))).isEqualTo(REDRIVE);
    }

    @Test
    void republicationsBackOffExponentiallyUpToTheCap() {
        assertThat(POLICY.interval(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(POLICY.interval(2)).isEqualTo(Duration.ofSeconds(120));
        assertThat(POLICY.interval(3)).isEqualTo(Duration.ofSeconds(240));
        assertThat(POLICY.interval(4)).isEqualTo(Duration.ofMinutes(5));
        assertThat(POLICY.interval(1_000)).isEqualTo(Duration.ofMinutes(5));

        Instant last = PLACED.plusSeconds(90);
        assertThat(POLICY.decide(PLACED, 2, last, last.plusSeconds(119))).isEqualTo(WAIT);
        assertThat(POLICY.decide(PLACED, 2, last, last.plusSeconds(120))).isEqualTo(REDRIVE);
    }

    @Test
    void manyRepublicationsNeverGiveAnOrderUpBeforeTheDeadline() {
        Instant justBefore = PLACED.plus(Duration.ofHours(1)).minusMillis(1);

        assertThat(POLICY.decide(PLACED, 500, justBefore.minusSeconds(1), justBefore))
                .isEqualTo(WAIT);
        assertThat(POLICY.decide(PLACED, 500, PLACED, justBefore)).isEqualTo(REDRIVE);
    }

    @Test
    void linesAreGivenUpAtTheBusinessDeadlineWhateverTheRepublications() {
        Instant deadline = PLACED.plus(Duration.ofHours(1));

        assertThat(POLICY.decide(PLACED, 0, null, deadline)).isEqualTo(GIVE_UP);
        assertThat(POLICY.decide(PLACED, 3, deadline.minusSeconds(1), deadline)).isEqualTo(GIVE_UP);
    }

    @Test
    void anOrderIsOverdueForOperatorsAfterTheAlertWait() {
        assertThat(POLICY.overdue(PLACED, PLACED.plus(Duration.ofMinutes(5)).minusMillis(1)))
                .isFalse();
        assertThat(POLICY.overdue(PLACED, PLACED.plus(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void aDeadlineShorterThanTheFirstWaitIsRefused() {
        assertThatThrownBy(() -> new RedrivePolicy(
                        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
