package dev.orderflow.lambda.aws;

import dev.orderflow.lambda.snapstart.Priming;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB client every service uses: the small URL-connection HTTP client (fewer classes at cold
 * start), the Lambda's role credentials on AWS, and, when an endpoint is configured (a local server),
 * that endpoint with placeholder credentials unless real ones are in the environment.
 *
 * <p>Every call is bounded: an attempt that has no answer after {@link #ATTEMPT_TIMEOUT} is abandoned, at most
 * {@link #MAX_ATTEMPTS} attempts are made, and the whole call gives up after {@link #CALL_TIMEOUT}. A store that is
 * down or stalled therefore costs a request about two seconds and a clear 503 (see {@code HttpExchange}), not a
 * thread held for the length of the stall; the Kafka and stream triggers retry such failures with their own backoff.
 */
public final class DynamoDbClients {

    /** The longest one DynamoDB call may take, retries included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** The longest one attempt may wait for an answer (DynamoDB answers in milliseconds). */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(800);
    /** Attempts per call (the SDK's standard strategy, with its jittered backoff between them). */
    public static final int MAX_ATTEMPTS = 3;

    private DynamoDbClients() {}

    /** @param endpoint blank on AWS */
    public static DynamoDbClient create(String region, String endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(ATTEMPT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .build()));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
            if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
                builder.credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            }
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    /**
     * Registers a SnapStart priming step for {@code client}: one read of a key no item has, which runs the
     * client's whole request pipeline (credentials, signing, marshalling, HTTP) without changing anything.
     */
    public static DynamoDbClient primedBeforeSnapshot(DynamoDbClient client, String table, String keyAttribute) {
        Priming.beforeSnapshot(
                "the DynamoDB client (" + table + ")",
                () -> client.getItem(
                        r -> r.tableName(table).key(Map.of(keyAttribute, AttributeValue.fromS("snapstart-priming")))));
        return client;
    }
}
