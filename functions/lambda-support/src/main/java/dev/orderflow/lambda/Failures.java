package dev.orderflow.lambda;

import dev.orderflow.lambda.kafka.PoisonMessage;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one place that decides what a failure means for whoever retries: a {@link Kind#POISON} message can never
 * succeed (dead-letter it at once, or answer 4xx); a {@link Kind#TRANSIENT} failure of DynamoDB, Kafka or the
 * network goes away by itself, and so does a race lost to concurrent writers ({@link ContentionRetry.ContentionLost},
 * what {@link ContentionRetry} throws when every attempt lost) (retry with backoff for a long time, or answer 503); anything else is
 * {@link Kind#UNEXPECTED} (a bug, a contract broken): retried a few times, then set aside.
 */
public final class Failures {

    /** How long a summary of a failure may be: one line in a log or a header, never a stack trace. */
    static final int MAX_SUMMARY = 300;

    private Failures() {}

    public enum Kind {
        POISON,
        TRANSIENT,
        UNEXPECTED
    }

    public static Kind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PoisonMessage) {
                return Kind.POISON;
            }
            if (isTransientItself(cause)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.UNEXPECTED;
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /** The innermost cause as one line, {@code Type: message}, at most {@value #MAX_SUMMARY} characters. */
    public static String summary(Throwable failure) {
        Throwable root = rootCause(failure);
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String line = (root.getClass().getSimpleName() + message)
                .replaceAll("\\s+", " ")
                .strip();
        return line.length() <= MAX_SUMMARY ? line : line.substring(0, MAX_SUMMARY - 1) + "…";
    }

    /** The innermost cause of {@code failure} (itself when it has none). */
    public static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static boolean isTransientItself(Throwable cause) {
        if (cause instanceof TransactionCanceledException canceled) {
            // a transaction that lost a race with another one; a failed condition is the caller's business
            return canceled.hasCancellationReasons()
                    && canceled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
        }
        if (cause instanceof SdkServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        // no answer at all from DynamoDB (refused, reset, timed out), or from Kafka, or from the network; or a use case
        // that lost the race for a record to concurrent writers more often than it tries in one go (ContentionRetry)
        return cause instanceof ContentionRetry.ContentionLost
                || cause instanceof SdkClientException
                || cause instanceof RetriableException
                || cause instanceof TimeoutException
                || cause instanceof IOException;
    }
}
