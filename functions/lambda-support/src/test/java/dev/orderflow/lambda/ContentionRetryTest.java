package dev.orderflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A write that lost its race is tried again a bounded number of times; a race lost every time is transient. */
class ContentionRetryTest {

    private final ContentionRetry retry = new ContentionRetry(5, Duration.ZERO, Duration.ZERO);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aWriteThatGoesThroughIsTriedOnce() {
        retry.untilDone(() -> attempts.incrementAndGet() > 0, () -> "order o-1");

        assertThat(attempts).hasValue(1);
    }

    @Test
    void aWriteThatLostIsTriedAgainUntilItGoesThrough() {
        retry.untilDone(() -> attempts.incrementAndGet() == 4, () -> "order o-1");

        assertThat(attempts).hasValue(4);
    }

    @Test
    void aRaceLostEveryTimeEndsAfterTheBoundAsATransientFailureNamingTheWrite() {
        assertThatThrownBy(() -> retry.untilDone(() -> attempts.incrementAndGet() < 0, () -> "order o-1 v3"))
                .isInstanceOf(ContentionRetry.ContentionLost.class)
                .hasMessageStartingWith("order o-1 v3 lost the race to concurrent writers 5 times in a row")
                .satisfies(lost -> assertThat(Failures.classify(lost)).isEqualTo(Failures.Kind.TRANSIENT));
        assertThat(attempts).hasValue(5);
    }

    @Test
    void theBackoffWaitsBetweenAttemptsUpToItsBound() {
        var waiting = new ContentionRetry(3, Duration.ofMillis(1), Duration.ofMillis(2));

        assertThatThrownBy(() -> waiting.untilDone(() -> false, () -> "x"))
                .isInstanceOf(ContentionRetry.ContentionLost.class);
        assertThatThrownBy(() -> new ContentionRetry(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentionRetry(3, Duration.ofMillis(5), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
