package dev.orderflow.local.runner.lambda;

import java.time.Duration;

/**
 * Invoking a deployed function by name, as Lambda's Invoke API does: the event's bytes in, the function's answer out.
 * Inside a service's process the functions run in its own {@link FunctionPool}; the platform (the gateway, the
 * stream triggers, the schedule) reaches them in the service's processes through the Invoke API
 * ({@link RemoteFunctions}).
 */
public interface Functions {

    /** How long a synchronous invocation may wait for a busy function before it is throttled (Lambda's concurrency limit). */
    Duration MAX_QUEUE_WAIT = Duration.ofSeconds(1);

    /** Invokes the function as an event source does: waiting as long as it takes for a free environment. */
    byte[] invoke(String function, byte[] event);

    /** Invokes the function with a batch of {@code records}, as a stream or MSK trigger does, counting them. */
    byte[] invokeBatch(String function, byte[] event, int records);

    /**
     * Invokes the function as a synchronous caller (API Gateway) does: throttled, not queued without bound, when every
     * environment stays busy for longer than {@code maxWait}.
     *
     * @throws Throttled   when no environment became free in time
     * @throws Unavailable when no process of the function's service is there to invoke it
     */
    byte[] invokeWithin(String function, byte[] event, Duration maxWait);

    /** Every environment of a function stayed busy: Lambda's throttling ({@code TooManyRequestsException}). */
    final class Throttled extends RuntimeException {

        Throttled(String function) {
            super("every environment of " + function + " is busy", null, false, false);
        }
    }

    /**
     * No process of the function's service took the invocation: none is running (stopped, crashed, being restarted),
     * or the one invoked died before it answered. Nothing is known to have happened; the caller may try again.
     */
    final class Unavailable extends RuntimeException {

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The function failed instead of answering (Lambda's {@code X-Amz-Function-Error: Unhandled}). */
    final class Failed extends RuntimeException {

        Failed(String message) {
            super(message, null, false, false);
        }
    }
}
