package dev.orderflow.order.application;

import java.time.Duration;
import java.time.Instant;

/**
 * When an order that waits for Inventory is published again, and when waiting ends. Re-publication goes by
 * elapsed time, never by a count of attempts: the first after {@code after}, then each interval twice the last,
 * capped at {@code maxInterval}, so an outage of the pipeline costs a few duplicate events, not the order. Lines
 * are given up ({@code INVENTORY_TIMEOUT}) only once the order has waited {@code deadline}, a business deadline
 * far longer than any ordinary outage; {@code alertAfter} is when operators should hear about it.
 *
 * @param after       how long an order waits before its event is first published again
 * @param maxInterval the longest wait between two re-publications
 * @param deadline    how long an order may wait for Inventory in all before its PENDING lines are cancelled
 * @param alertAfter  how long an order may wait before it counts as overdue for operators
 */
public record RedrivePolicy(Duration after, Duration maxInterval, Duration deadline, Duration alertAfter) {

    public RedrivePolicy {
        if (after.isNegative()
                || maxInterval.compareTo(after) < 0
                || deadline.compareTo(after) < 0
                || alertAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "re-drive settings must satisfy 0 <= after <= maxInterval and after <= deadline: " + after + ", "
                            + maxInterval + ", " + deadline);
        }
    }

    /** What to do now with an order PENDING since {@code waitingSince}, re-published {@code redrives} times, last at {@code lastRedrive}. */
    public Decision decide(Instant waitingSince, int redrives, Instant lastRedrive, Instant now) {
        if (!now.isBefore(waitingSince.plus(deadline))) {
            return Decision.GIVE_UP;
        }
        Instant due =
                lastRedrive == null || redrives == 0 ? waitingSince.plus(after) : lastRedrive.plus(interval(redrives));
        return now.isBefore(due) ? Decision.WAIT : Decision.REDRIVE;
    }

    /** Whether an order PENDING since {@code waitingSince} has waited long enough that operators should know. */
    public boolean overdue(Instant waitingSince, Instant now) {
        return !now.isBefore(waitingSince.plus(alertAfter));
    }

    /** The wait after the {@code redrives}-th re-publication: after x 2^redrives, at most maxInterval. */
    Duration interval(int redrives) {
        Duration interval = after.isZero() ? Duration.ofSeconds(1) : after;
        for (int i = 0; i < redrives && interval.compareTo(maxInterval) < 0; i++) {
            interval = interval.multipliedBy(2);
        }
        return interval.compareTo(maxInterval) > 0 ? maxInterval : interval;
    }

    public enum Decision {
        /** Not due yet. */
        WAIT,
        /** Publish the order's current state again. */
        REDRIVE,
        /** The deadline has passed: cancel the lines still PENDING. */
        GIVE_UP
    }
}
