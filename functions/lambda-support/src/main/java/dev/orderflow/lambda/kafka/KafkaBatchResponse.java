package dev.orderflow.lambda.kafka;

import java.util.List;

/**
 * A Kafka-triggered function's answer to its MSK trigger with {@code FunctionResponseTypes: ReportBatchItemFailures}:
 * per partition, the first record to deliver again ({@code partition} is the key of the event's {@code records} map,
 * {@code <topic>-<partition>}). An empty list means the whole batch went through.
 */
public record KafkaBatchResponse(List<BatchItemFailure> batchItemFailures) {

    public KafkaBatchResponse {
        batchItemFailures = List.copyOf(batchItemFailures);
    }

    public record BatchItemFailure(ItemIdentifier itemIdentifier) {

        static BatchItemFailure of(String partition, long offset) {
            return new BatchItemFailure(new ItemIdentifier(partition, offset));
        }
    }

    public record ItemIdentifier(String partition, long offset) {}
}
