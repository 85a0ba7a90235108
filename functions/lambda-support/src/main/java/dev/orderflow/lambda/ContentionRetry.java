package dev.orderflow.lambda;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How a use case retries a write that lost a race to a concurrent writer (a conditional write whose condition
 * another write made false): read again and try again, up to {@code attempts} times, waiting a random time up to a
 * backoff that starts at {@code firstBackoff} and doubles up to {@code maxBackoff} (full jitter, so the writers that
 * collided spread out). A race lost every time is {@link ContentionLost}, which {@link Failures} calls transient on
 * purpose: the trigger delivers the event again later, when the crowd has passed. The use cases take it as a
 * function of their own ({@code Contention}), so their layer knows nothing of this module.
 *
 * @param attempts how many times to try, at least 1 ({@code CONTENTION_ATTEMPTS})
 */
public record ContentionRetry(int attempts, Duration firstBackoff, Duration maxBackoff) {

    /** 25 attempts, 1 ms doubling to 50 ms: about half a second in the worst case, far below an invocation's budget. */
    public static final ContentionRetry DEFAULT = new ContentionRetry(25, Duration.ofMillis(1), Duration.ofMillis(50));

    public ContentionRetry {
        if (attempts < 1 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException(
                    "a contention retry needs at least one attempt and 0 <= firstBackoff <= maxBackoff");
        }
    }

    /**
     * Runs {@code attempt} until it says it is done.
     *
     * @param attempt one read-decide-write; false when its write lost the race (nothing was changed)
     * @param what    what is being written, for the failure's message
     * @throws ContentionLost when every attempt lost
     */
    public void untilDone(BooleanSupplier attempt, Supplier<String> what) {
        long backoff = firstBackoff.toNanos();
        for (int tried = 1; tried <= attempts; tried++) {
            if (attempt.getAsBoolean()) {
                return;
            }
            if (tried < attempts && backoff > 0) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(backoff + 1));
                backoff = Math.min(backoff * 2, maxBackoff.toNanos());
            }
        }
        throw new ContentionLost(what.get() + " lost the race to concurrent writers " + attempts
                + " times in a row; it is retried later");
    }

    /** Every attempt of a write lost its race: transient, delivered again later. */
    public static final class ContentionLost extends RuntimeException {

        public ContentionLost(String message) {
            super(message, null, false, false);
        }
    }
}
