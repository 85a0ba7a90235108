package dev.orderflow.order.adapter.dynamodb;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same contract on LocalStack's DynamoDB, a second independent implementation of the API, where a
 * Docker engine exists; skipped cleanly where it does not.
 */
@Testcontainers(disabledWithoutDocker = true)
class DynamoDbOrdersLocalStackIT extends DynamoDbOrdersContract {

    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices("dynamodb");

    @BeforeAll
    static void start() {
        connect(LOCALSTACK.getEndpoint());
    }
}
