package dev.orderflow.order.application;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How a use case tries again a write that lost its race to a concurrent writer: {@code attempt} is run until it says
 * it is done, with backoff in between, and a race lost every time is a transient failure for the trigger to retry
 * later. The system's one policy is {@code ContentionRetry} (lambda-support), handed in by the configuration.
 */
@FunctionalInterface
public interface Contention {

    /**
     * @param attempt one read-decide-write; false when its write lost the race and changed nothing
     * @param what    what is being written, for the failure's message
     */
    void untilDone(BooleanSupplier attempt, Supplier<String> what);
}
