package dev.orderflow.lambda.aws;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.orderflow.lambda.snapstart.Priming;

/**
 * The DynamoDB client every service uses: the small URL-connection HTTP client (fewer classes at cold
 * start), the Lambda's role credentials on AWS, and, when an endpoint is configured (a local server),
 * that endpoint with placeholder credentials unless real ones are in the environment.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    /** @param endpoint blank on AWS */
    public static DynamoDbClient create(String region, String endpoint) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
            if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
                builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
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
        Priming.beforeSnapshot("the DynamoDB client (" + table + ")", () -> client.getItem(r -> r.tableName(table)
                .key(java.util.Map.of(keyAttribute, AttributeValue.fromS("snapstart-priming")))));
        return client;
    }
}
