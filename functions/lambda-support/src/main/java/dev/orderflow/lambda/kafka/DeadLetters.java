package dev.orderflow.lambda.kafka;

import dev.orderflow.lambda.Failures;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * What a dead letter carries besides the original key and value, the same on Lambda ({@link KafkaBatches}) and in
 * the local runner: the headers Spring Cloud Stream's binder uses ({@code x-exception-message},
 * {@code x-exception-fqcn}, {@code x-original-topic}, {@code x-original-partition}, {@code x-original-offset}), the
 * message being the root cause on one line ({@link Failures#summary}), never a stack trace.
 */
public final class DeadLetters {

    private DeadLetters() {}

    /** The dead-letter topic of a topic. */
    public static String topicOf(String topic) {
        return topic + ".dlq";
    }

    /** Adds the reason and the origin of a dead letter to {@code headers}. */
    public static Headers describe(Headers headers, String topic, int partition, long offset, Throwable failure) {
        return headers.add("x-exception-message", bytes(Failures.summary(failure)))
                .add(
                        "x-exception-fqcn",
                        bytes(Failures.rootCause(failure).getClass().getName()))
                .add("x-original-topic", bytes(topic))
                .add("x-original-partition", bytes(Integer.toString(partition)))
                .add("x-original-offset", bytes(Long.toString(offset)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
