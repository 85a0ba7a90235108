package dev.orderflow.lambda;

import static dev.orderflow.lambda.Failures.Kind.POISON;
import static dev.orderflow.lambda.Failures.Kind.TRANSIENT;
import static dev.orderflow.lambda.Failures.Kind.UNEXPECTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.lambda.kafka.PoisonMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import org.apache.kafka.common.errors.NetworkException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class FailuresTest {

    @Test
    void aMessageThatCanNeverBeReadIsPoisonEvenWhenWrapped() {
        assertThat(Failures.classify(new IllegalStateException("listener failed", new PoisonMessage("not JSON"))))
                .isEqualTo(POISON);
    }

    @Test
    void noAnswerFromTheStoreOrTheBrokerIsTransient() {
        assertThat(Failures.classify(
                        SdkClientException.create("Unable to execute HTTP request", new ConnectException("refused"))))
                .isEqualTo(TRANSIENT);
        assertThat(Failures.classify(ApiCallTimeoutException.create(2_000))).isEqualTo(TRANSIENT);
        assertThat(Failures.classify(new RuntimeException(new NetworkException("broker gone"))))
                .isEqualTo(TRANSIENT);
        assertThat(Failures.classify(new UncheckedIOException(new IOException("reset"))))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void throttlingAndServerErrorsOfTheStoreAreTransientItsClientErrorsAreNot() {
        assertThat(Failures.classify(ProvisionedThroughputExceededException.builder()
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ProvisionedThroughputExceededException")
                                .build())
                        .build()))
                .isEqualTo(TRANSIENT);
        assertThat(Failures.classify(DynamoDbException.builder()
                        .statusCode(500)
                        .message("internal")
                        .build()))
                .isEqualTo(TRANSIENT);
        assertThat(Failures.classify(DynamoDbException.builder()
                        .statusCode(400)
                        .message("ValidationException")
                        .build()))
                .isEqualTo(UNEXPECTED);
    }

    @Test
    void aTransactionThatLostARaceIsTransientOneWhoseConditionFailedIsNot() {
        assertThat(Failures.classify(canceled("None", "TransactionConflict"))).isEqualTo(TRANSIENT);
        assertThat(Failures.classify(canceled("ConditionalCheckFailed", "None")))
                .isEqualTo(UNEXPECTED);
    }

    @Test
    void aUseCaseThatKeptLosingRacesIsTransient() {
        assertThat(Failures.classify(new ContentionRetry.ContentionLost("lost 25 races")))
                .isEqualTo(TRANSIENT);
        // a collection changed while iterated is a bug, not a race
        assertThat(Failures.classify(new ConcurrentModificationException())).isEqualTo(Failures.Kind.UNEXPECTED);
    }

    @Test
    void aBugIsUnexpected() {
        assertThat(Failures.classify(new NullPointerException("orderItems"))).isEqualTo(UNEXPECTED);
    }

    @Test
    void theSummaryIsTheRootCauseOnOneShortLine() {
        var failure = new IllegalStateException(
                "outer",
                SdkClientException.create(
                        "Unable to execute\nHTTP request", new ConnectException("Connection refused\n\tat somewhere")));

        assertThat(Failures.summary(failure)).isEqualTo("ConnectException: Connection refused at somewhere");
        assertThat(Failures.summary(new RuntimeException("x".repeat(10_000)))).hasSize(Failures.MAX_SUMMARY);
    }

    private static TransactionCanceledException canceled(String... codes) {
        return TransactionCanceledException.builder()
                .message("canceled")
                .cancellationReasons(Arrays.stream(codes)
                        .map(c -> CancellationReason.builder().code(c).build())
                        .toList())
                .build();
    }
}
