package dev.orderflow.lambda.kafka;

/**
 * A message that can never be processed, however often it is retried (not JSON, unknown event type,
 * missing fields): it goes to the dead-letter topic at once.
 */
public final class PoisonMessage extends RuntimeException {

    public PoisonMessage(String message) {
        super(message, null, false, false);
    }

    public PoisonMessage(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
