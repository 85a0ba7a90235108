package dev.orderflow.order.adapter.dynamodb;

import dev.orderflow.local.infra.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store's contract on the embedded DynamoDB-compatible server (runs everywhere). */
class DynamoDbOrdersIT extends DynamoDbOrdersContract {

    private static LocalDynamoDb server;

    @BeforeAll
    static void start() {
        server = LocalDynamoDb.start(0, null);
        connect(server.endpoint());
    }

    @AfterAll
    static void stop() {
        server.close();
    }
}
