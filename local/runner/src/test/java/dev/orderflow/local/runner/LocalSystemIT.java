package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The assembled system through its HTTP port, on a real Kafka broker and a real DynamoDB-compatible
 * server: what a storefront sees, and what a consumer of {@code order-events} sees.
 */
class LocalSystemIT {

    private static LocalSystem system;
    private static Api api;
    private static OrderEventLog events;

    @BeforeAll
    static void startSystem() {
        system = LocalSystem.start(LocalSettings.ephemeral());
        api = new Api(system.httpPort());
        events = new OrderEventLog(system.kafkaBootstrapServers());
    }

    @AfterAll
    static void stopSystem() {
        events.close();
        system.close();
    }

    @Test
    void acceptedOrderIsStoredAndItsOrderCreatedEventReachesKafka() {
        String user = "user-" + UUID.randomUUID();
        Api.Reply created = api.post("/oms/orders",
                "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":2},{\"productId\":\"sku-2\",\"quantity\":5}]}");
        String orderId = created.data().get("orderId").stringValue();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/oms/orders/" + orderId);
        assertThat(api.get("/oms/orders/" + orderId).data()).isEqualTo(created.data());
        JsonNode event = await().atMost(Duration.ofSeconds(30)).pollInSameThread()
                .until(() -> events.about(orderId), list -> !list.isEmpty()).get(0);
        assertThat(event.get("type").stringValue()).isEqualTo("dev.orderflow.order.created.v1");
        assertThat(event.get("specversion").stringValue()).isEqualTo("1.0");
        assertThat(event.get("source").stringValue()).isEqualTo("/oms/orders");
        assertThat(event.get("data").get("userId").stringValue()).isEqualTo(user);
        assertThat(event.get("data").get("orderItems").findValuesAsString("productId")).containsExactly("sku-1", "sku-2");
    }

    @Test
    void retryWithTheSameIdempotencyKeyCreatesOneOrderAndOneEvent() {
        String user = "user-" + UUID.randomUUID();
        String body = "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}";
        String key = UUID.randomUUID().toString();

        Api.Reply first = api.post("/oms/orders", body, "Idempotency-Key", key);
        Api.Reply retry = api.post("/oms/orders", body, "Idempotency-Key", key);

        String orderId = first.data().get("orderId").stringValue();
        assertThat(retry.data().get("orderId").stringValue()).isEqualTo(orderId);
        assertThat(api.get("/oms/orders?userId=" + user).data().get("orders")).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(1)).pollInSameThread()
                .until(() -> events.about(orderId).size() == 1);
    }

    @Test
    void concurrentUpdatesOfOneOrderNeverLoseAChange() throws Exception {
        String orderId = api.placeOrder("user-" + UUID.randomUUID(), "sku-1", 1);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Api.Reply>> updates = new ArrayList<>();
        for (int quantity = 2; quantity < 18; quantity++) {
            String change = "{\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":" + quantity + "}]}";
            updates.add(CompletableFuture.supplyAsync(() -> api.put("/oms/orders/" + orderId, change), clients));
        }
        List<Api.Reply> replies = updates.stream().map(CompletableFuture::join).toList();
        clients.shutdown();

        List<Api.Reply> won = replies.stream().filter(r -> r.status() == 200).toList();
        assertThat(replies).extracting(Api.Reply::status).isSubsetOf(200, 409);
        assertThat(won).isNotEmpty();
        assertThat(won).extracting(r -> r.data().get("version").intValue()).doesNotHaveDuplicates();
        JsonNode stored = api.get("/oms/orders/" + orderId).data();
        assertThat(stored.get("version").intValue()).isEqualTo(1 + won.size());
        JsonNode lastWinner = won.stream().max(java.util.Comparator.comparingInt(r -> r.data().get("version").intValue()))
                .orElseThrow().data();
        assertThat(stored.get("orderItems")).isEqualTo(lastWinner.get("orderItems"));
        replies.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertThat(r.body().get("error").stringValue()).contains("modified concurrently"));
    }

    @Test
    void ordersAcceptedWhileKafkaIsDownAreAllPublishedOnceItIsBack() {
        List<String> orderIds = new ArrayList<>();
        system.embeddedKafka().stop();
        try {
            for (int i = 0; i < 20; i++) {
                orderIds.add(api.placeOrder("user-offline", "sku-" + i, 1));
            }
        } finally {
            system.embeddedKafka().start();
        }

        await().atMost(Duration.ofSeconds(90)).pollInSameThread()
                .until(() -> orderIds.stream().allMatch(id -> !events.about(id).isEmpty()));
    }

    @Test
    void unknownRoutesAndBadBodiesGetTheEnvelopeAndAClientError() {
        Api.Reply unknown = api.delete("/oms/orders/some-order");
        Api.Reply array = api.post("/oms/orders", "[{\"userId\":\"u\"}]");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("success").booleanValue()).isFalse();
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.body().get("error").stringValue()).isEqualTo("body: must be a JSON object");
    }
}
