package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The assembled system through its HTTP port, on a real Kafka broker and a real DynamoDB-compatible
 * server: what a storefront sees, and what a consumer of {@code order-events} sees.
 */
@SharedSystem.OnIt
class LocalSystemIT {

    private static LocalSystem system;
    private static Api api;
    private static TopicLog events;

    @BeforeAll
    static void useTheSharedSystem(LocalSystem shared) {
        system = shared;
        api = new Api(system);
        events = new TopicLog(system.kafkaAccess(PlatformKafka.OPERATOR), "order-events");
    }

    @AfterAll
    static void closeTopicReaders() {
        events.close();
    }

    @Test
    void acceptedOrderIsStoredAndItsOrderCreatedEventReachesKafka() {
        String user = "user-" + UUID.randomUUID();
        Api.Reply created = api.post(
                "/oms/orders",
                "{\"userId\":\"" + user
                        + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":2},{\"productId\":\"sku-2\",\"quantity\":5}]}");
        String orderId = created.data().get("orderId").stringValue();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/oms/orders/" + orderId);
        assertThat(api.get("/oms/orders/" + orderId).data()).isEqualTo(created.data());
        JsonNode event = await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .until(() -> events.about(orderId), list -> !list.isEmpty())
                .get(0);
        assertThat(event.get("type").stringValue()).isEqualTo("dev.orderflow.order.created.v1");
        assertThat(event.get("specversion").stringValue()).isEqualTo("1.0");
        assertThat(event.get("source").stringValue()).isEqualTo("/oms/orders");
        assertThat(event.get("data").get("userId").stringValue()).isEqualTo(user);
        assertThat(event.get("data").get("orderItems").findValuesAsString("productId"))
                .containsExactly("sku-1", "sku-2");
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
        await().atMost(Duration.ofSeconds(30))
                .during(Duration.ofSeconds(1))
                .pollInSameThread()
                .until(() -> events.about(orderId).stream()
                                .filter(e -> e.get("type").stringValue().endsWith("created.v1"))
                                .count()
                        == 1);
    }

    @Test
    void concurrentUpdatesOfOneOrderNeverLoseAChange() throws Exception {
        String product = "sku-" + UUID.randomUUID();
        api.post("/inventory/products", "{\"productId\":\"" + product + "\",\"quantity\":100000}");
        String orderId = api.placeOrder("user-" + UUID.randomUUID(), product, 1);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Api.Reply>> updates = new ArrayList<>();
        for (int quantity = 2; quantity < 18; quantity++) {
            String change = "{\"orderItems\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}]}";
            updates.add(CompletableFuture.supplyAsync(() -> api.put("/oms/orders/" + orderId, change), clients));
        }
        List<Api.Reply> replies = updates.stream().map(CompletableFuture::join).toList();
        clients.shutdown();

        List<Api.Reply> won = replies.stream().filter(r -> r.status() == 200).toList();
        assertThat(replies).extracting(Api.Reply::status).isSubsetOf(200, 409);
        assertThat(won).isNotEmpty();
        List<Long> wonVersions =
                won.stream().map(r -> r.data().get("version").longValue()).toList();
        assertThat(wonVersions).doesNotHaveDuplicates();
        replies.stream()
                .filter(r -> r.status() == 409)
                .forEach(r -> assertThat(r.body().get("error").stringValue()).contains("modified concurrently"));
        // Inventory's answers change the order too. Every stored change publishes one OrderUpdated with its
        // version: once things settle, versions 2..current appear exactly once each, so no write was lost
        // or overwritten, and every winning PUT is one of them.
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            long current =
                    api.get("/oms/orders/" + orderId).data().get("version").longValue();
            List<Long> published = updatedVersions(orderId);
            return published.equals(LongStream.rangeClosed(2, current).boxed().toList());
        });
        assertThat(updatedVersions(orderId)).containsAll(wonVersions);
    }

    private static List<Long> updatedVersions(String orderId) {
        return events.about(orderId).stream()
                .filter(e -> e.get("type").stringValue().endsWith("updated.v1"))
                .map(e -> e.get("data").get("orderVersion").longValue())
                .sorted()
                .toList();
    }

    @Test
    void ordersAcceptedWhileKafkaIsDownAreAllPublishedOnceItIsBack() {
        List<String> orderIds = new ArrayList<>();
        system.embeddedKafka().stop();
        try {
            for (int i = 0; i < 20; i++) {
                orderIds.add(api.placeOrder("user-offline-" + i, "sku-" + i, 1));
            }
        } finally {
            system.embeddedKafka().start();
        }

        await().atMost(Duration.ofSeconds(90))
                .pollInSameThread()
                .until(() -> orderIds.stream().allMatch(id -> !events.about(id).isEmpty()));
    }

    @Test
    void unknownRoutesAndBadBodiesGetTheEnvelopeAndAClientError() {
        Api.Reply wrongMethod = api.delete("/oms/orders/some-order");
        Api.Reply unknown = api.get("/oms/nothing-here");
        Api.Reply doubleSlash = api.get("//inventory/products/sku-1");
        Api.Reply array = api.post("/oms/orders", "[{\"userId\":\"u\"}]");

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("GET, PUT");
        assertThat(wrongMethod.body().get("success").booleanValue()).isFalse();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(doubleSlash.status()).isEqualTo(404);
        assertThat(doubleSlash.body().get("error").stringValue())
                .isEqualTo("no route for GET //inventory/products/sku-1");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.body().get("error").stringValue()).isEqualTo("body: must be a JSON object");
    }

    @Test
    void headOnAReadRouteIs405WithAllowAndNoBody() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var head = http.send(
                java.net.http.HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + system.httpPort() + "/oms/orders/x"))
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).contains("GET, PUT");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void everyRequestGetsOneAccessLogLineWithTheFieldsOfTheTemplatesFormat() {
        var accessLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("dev.orderflow.local.runner.AccessLog");
        var lines = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        lines.start();
        accessLog.addAppender(lines);
        try {
            Api.Reply reply = api.get("/oms/orders/no-such-order");

            // written once the answer has gone out
            await().atMost(Duration.ofSeconds(10)).until(() -> !lines.list.isEmpty());
            assertThat(lines.list).hasSize(1);
            JsonNode line =
                    Api.JSON.readTree(lines.list.get(0).getFormattedMessage().replaceFirst("^GET \\S+ ", ""));
            assertThat(line.get("requestId").stringValue()).isEqualTo(reply.header("apigw-requestid"));
            assertThat(line.get("routeKey").stringValue()).isEqualTo("GET /oms/orders/{orderId}");
            assertThat(line.get("status").stringValue()).isEqualTo("404");
            assertThat(line.propertyNames())
                    .containsExactlyInAnyOrder(
                            "requestId", "routeKey", "status", "latencyMs", "integrationLatencyMs", "ip", "time");
        } finally {
            accessLog.detachAppender(lines);
        }
    }

    @Test
    void theCorrelationIdIsTheRequestIdOfApiGatewayOrTheClientsOwn() {
        Api.Reply plain = api.get("/oms/orders/some-order");
        Api.Reply own = api.post("/oms/orders", "{}", "X-Correlation-Id", "checkout-7");

        assertThat(plain.header("X-Correlation-Id")).isEqualTo(plain.header("apigw-requestid"));
        assertThat(own.header("X-Correlation-Id")).isEqualTo("checkout-7");
    }

    @Test
    void headerValuesAreReadAsUtf8() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String body = "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}";

        // as curl sends it: the header's bytes are UTF-8 (Java's own client refuses such values)
        String token = system.issuer().token(user, List.of("orderflow/orders"), Duration.ofMinutes(5));
        String first = postWithRawHeader(body, "Idempotency-Key: ключ-" + user + "\r\nAuthorization: Bearer " + token);
        String again = postWithRawHeader(body, "Idempotency-Key: ключ-" + user + "\r\nAuthorization: Bearer " + token);

        assertThat(first).startsWith("HTTP/1.1 201");
        assertThat(again).startsWith("HTTP/1.1 201").containsIgnoringCase("Idempotent-Replayed: true");
        assertThat(api.get("/oms/orders?userId=" + user).data().get("orders")).hasSize(1);
    }

    private static String postWithRawHeader(String body, String header) throws Exception {
        try (var socket = new Socket("127.0.0.1", system.httpPort())) {
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            String head =
                    "POST /oms/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                            + header + "\r\nContent-Length: " + json.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(json);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
