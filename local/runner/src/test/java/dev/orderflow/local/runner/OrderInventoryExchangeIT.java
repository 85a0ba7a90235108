package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.local.runner.cli.DeadLetterReplay;
import dev.orderflow.local.runner.cli.OrderTimeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Order Management and Inventory together, through the HTTP port and the real Kafka topics between them:
 * the guarantees a shop relies on (no oversell, duplicates counted once, stock released and shipped,
 * alerts once per crossing, poison messages dead-lettered without blocking).
 */
@SharedSystem.OnIt
class OrderInventoryExchangeIT {

    /** Order Management's identity on Kafka: the producer of order events. */
    private static final String ORDER = "order";

    private static final Set<String> FINAL_AFTER_INVENTORY = Set.of("CONFIRMED", "PARTIALLY_CONFIRMED", "REJECTED");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static LocalSystem system;
    private static Api api;
    private static TopicLog orderEvents;
    private static TopicLog answers;
    private static TopicLog alerts;
    private static TopicLog deadLetters;

    @BeforeAll
    static void useTheSharedSystem(LocalSystem shared) {
        system = shared;
        api = new Api(system);
        orderEvents = new TopicLog(system.kafkaAccess(PlatformKafka.OPERATOR), "order-events");
        answers = new TopicLog(system.kafkaAccess(PlatformKafka.OPERATOR), "inventory-events");
        alerts = new TopicLog(system.kafkaAccess(PlatformKafka.OPERATOR), "inventory-alerts");
        deadLetters = new TopicLog(system.kafkaAccess(PlatformKafka.OPERATOR), "order-events.dlq");
    }

    @AfterAll
    static void closeTopicReaders() {
        List.of(orderEvents, answers, alerts, deadLetters).forEach(TopicLog::close);
    }

    @Test
    void oneCorrelationIdAndOneTraceFollowAnOrderThroughEveryHopAndTheTimelineShowsItsJourney() {
        String plenty = product(10, 2);
        String correlationId = "journey-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Api.Reply placed = api.as("journey-shopper")
                .post(
                        "/oms/orders",
                        "{\"orderItems\":[" + line(plenty, 2) + "]}",
                        "X-Correlation-Id",
                        correlationId,
                        "traceparent",
                        "00-" + traceId + "-00f067aa0ba902b7-01");
        String orderId = placed.data().get("orderId").stringValue();
        awaitDecided(orderId);

        // HTTP -> outbox -> relay -> order-events -> Inventory -> inventory-events -> Order Management -> order-events
        List<OrderTimeline.Entry> journey = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> OrderTimeline.collect(orderId, system.kafkaAccess(PlatformKafka.OPERATOR)),
                        entries -> entries.size() >= 3);

        assertThat(journey)
                .extracting(OrderTimeline.Entry::type)
                .containsExactly(
                        "dev.orderflow.order.created.v1",
                        "dev.orderflow.inventory.reservation.v1",
                        "dev.orderflow.order.updated.v1");
        assertThat(journey).extracting(OrderTimeline.Entry::correlationId).containsOnly(correlationId);
        assertThat(journey)
                .extracting(e -> dev.orderflow.lambda.trace.Traces.traceIdOf(e.traceparent()))
                .containsOnly(traceId);
        assertThat(journey).extracting(OrderTimeline.Entry::traceparent).doesNotHaveDuplicates();
        ConsumerRecord<String, String> created = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> orderEvents.records().stream()
                                .filter(r -> orderId.equals(r.key()))
                                .findFirst(),
                        Optional::isPresent)
                .get();
        assertThat(new String(created.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo(journey.get(0).traceparent());
        String printed = OrderTimeline.render(orderId, journey);
        assertThat(printed)
                .contains("order " + orderId + ": 3 events")
                .contains("PENDING -> CONFIRMED v2")
                .contains("RESERVED (for v1)")
                .contains("correlation " + correlationId + ", trace " + traceId);
    }

    @Test
    void orderWithMixedAvailabilityEndsWithTheRightLineAndOrderStatuses() {
        String plenty = product(10, 2);
        String scarce = product(1, 0);

        String orderId = order(line(plenty, 4), line(scarce, 3), line("no-such-" + UUID.randomUUID(), 1));
        JsonNode order = awaitDecided(orderId);

        assertThat(order.get("status").stringValue()).isEqualTo("PARTIALLY_CONFIRMED");
        assertThat(lineOf(order, plenty).get("status").stringValue()).isEqualTo("EXECUTED");
        assertThat(lineOf(order, scarce).get("reason").stringValue()).isEqualTo("OUT_OF_STOCK");
        assertThat(order.get("orderItems").get(2).get("reason").stringValue()).isEqualTo("UNKNOWN_PRODUCT");
        assertStock(plenty, 6, 4);
        assertStock(scarce, 1, 0);
    }

    @Test
    void concurrentOrdersNeverSellMoreThanTheStock() {
        int stock = 40;
        String product = product(stock, 0);
        ExecutorService storefronts = Executors.newFixedThreadPool(16);
        List<CompletableFuture<String>> placed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            placed.add(CompletableFuture.supplyAsync(() -> order(line(product, 1)), storefronts));
        }
        List<String> orderIds = placed.stream().map(CompletableFuture::join).toList();
        storefronts.shutdown();

        List<JsonNode> decided =
                orderIds.stream().map(OrderInventoryExchangeIT::awaitDecided).toList();

        assertThat(decided.stream().filter(o -> o.get("status").stringValue().equals("CONFIRMED")))
                .hasSize(stock);
        assertThat(decided.stream().filter(o -> o.get("status").stringValue().equals("REJECTED")))
                .hasSize(100 - stock);
        assertStock(product, 0, stock);
    }

    @Test
    void everyOrderEventDeliveredTwiceCountsOnce() {
        String product = product(10, 0);
        String orderId = order(line(product, 3));
        awaitDecided(orderId);
        api.put("/oms/orders/" + orderId, "{\"orderItems\":[{\"productId\":\"" + product + "\",\"quantity\":5}]}");
        awaitLine(orderId, product, "EXECUTED", 5);
        // two answers so far: to version 1 (3 units) and to version 3 (5 units)
        int answersBefore = await().atMost(WAIT)
                .pollInSameThread()
                .until(() -> answers.about(orderId).size(), n -> n == 2);

        // the order's whole history: created (v1), confirmed (v2), the line change (v3), confirmed again (v4) - all of
        // it, so what is redelivered does not depend on how far the relay had got
        List<ConsumerRecord<String, String>> sent = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> orderEvents.records().stream()
                                .filter(r -> r.key().equals(orderId))
                                .toList(),
                        events -> events.size() == 4);
        long lastAnswered = answers.about(orderId).stream()
                .mapToLong(a -> a.get("data").get("orderVersion").longValue())
                .max()
                .orElseThrow();
        redeliver("order-events", sent);

        // Inventory answers a duplicate of what it recorded (up to the version it last answered) by repeating its
        // answer (same id), and changes nothing; a confirmation that only moved the version on (v4) is never stored,
        // so its copy is applied as such again, with no answer
        long repeated = sent.stream()
                .filter(r -> Api.JSON
                                .readTree(r.value())
                                .get("data")
                                .get("orderVersion")
                                .longValue()
                        <= lastAnswered)
                .count();
        await().atMost(WAIT)
                .pollInSameThread()
                .until(() -> answers.about(orderId).size() >= answersBefore + repeated);
        assertThat(answers.about(orderId).stream()
                        .map(a -> a.get("id").stringValue())
                        .distinct())
                .hasSize(answersBefore);
        assertStock(product, 5, 5);
        assertThat(api.get("/oms/orders/" + orderId).data().get("status").stringValue())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void orderEventsArrivingTogetherAreAppliedInBatchesAndStillNeverSellMoreThanTheStock() {
        String product = product(25, 0);
        String placed = order(line(product(1, 0), 1));
        awaitDecided(placed);
        // decided says Inventory read the event, not that this test's own reader of the topic has caught up with it
        String template = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> orderEvents.records().stream()
                                .filter(r -> r.key().equals(placed))
                                .map(ConsumerRecord::value)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        List<String> orderIds = IntStream.range(0, 40)
                .mapToObj(i -> "ord-batch-" + UUID.randomUUID())
                .toList();
        long invocationsBefore = system.invocations("onOrderEventBatch");

        // one produce request per partition: each partition's events appear in its log together, as a burst does
        try (var producer = producer(ORDER, Map.of(ProducerConfig.LINGER_MS_CONFIG, 200))) {
            orderIds.forEach(
                    id -> producer.send(new ProducerRecord<>("order-events", id, createdEvent(template, id, product))));
            producer.flush();
        }

        await().atMost(WAIT)
                .pollInSameThread()
                .until(() -> orderIds.stream().allMatch(id -> !answers.about(id).isEmpty()));
        List<String> lineStatuses = orderIds.stream()
                .map(id -> answers.about(id)
                        .get(0)
                        .get("data")
                        .get("orderItems")
                        .get(0)
                        .get("status")
                        .stringValue())
                .toList();
        assertThat(lineStatuses).filteredOn("EXECUTED"::equals).hasSize(25);
        assertThat(lineStatuses).filteredOn("CANCELED"::equals).hasSize(15);
        assertStock(product, 0, 25);
        assertThat(system.invocations("onOrderEventBatch") - invocationsBefore).isLessThan(orderIds.size());
    }

    /** An OrderCreated like {@code template}, for a new order of one unit of {@code product}. */
    private static String createdEvent(String template, String orderId, String product) {
        var event = (tools.jackson.databind.node.ObjectNode) JSON.readTree(template);
        event.put("id", UUID.randomUUID().toString()).put("subject", orderId);
        var data = (tools.jackson.databind.node.ObjectNode) event.get("data");
        data.put("orderId", orderId).put("orderVersion", 1);
        var items = data.putArray("orderItems");
        items.addObject()
                .put("productId", product)
                .put("quantity", 1)
                .put("status", "PENDING")
                .putNull("reason");
        return JSON.writeValueAsString(event);
    }

    @Test
    void cancellingAnOrderReleasesItsStock() {
        String product = product(10, 0);
        String orderId = order(line(product, 3));
        awaitDecided(orderId);
        assertStock(product, 7, 3);

        api.put("/oms/orders/" + orderId, "{\"status\":\"CANCELED\"}");

        awaitStock(product, 10, 0);
    }

    @Test
    void shippingAnOrderTakesItsUnitsOutOfStock() {
        String product = product(10, 0);
        String orderId = order(line(product, 3));
        awaitDecided(orderId);

        assertThat(api.put("/oms/orders/" + orderId, "{\"status\":\"PAID\"}").status())
                .isEqualTo(200);
        assertThat(api.put("/oms/orders/" + orderId, "{\"status\":\"SHIPPED\"}").status())
                .isEqualTo(200);

        awaitStock(product, 7, 0);
    }

    @Test
    void changingALineReservesOrReleasesTheDifference() {
        String product = product(10, 0);
        String other = product(10, 0);
        String orderId = order(line(product, 3), line(other, 2));
        awaitDecided(orderId);

        api.put("/oms/orders/" + orderId, "{\"orderItems\":[{\"productId\":\"" + product + "\",\"quantity\":5}]}");
        awaitLine(orderId, product, "EXECUTED", 5);
        awaitStock(product, 5, 5);

        api.put(
                "/oms/orders/" + orderId,
                "{\"orderItems\":[{\"productId\":\"" + product + "\",\"quantity\":1},{\"productId\":\"" + other
                        + "\",\"status\":\"CANCELED\"}]}");
        awaitLine(orderId, product, "EXECUTED", 1);
        awaitStock(product, 9, 1);
        awaitStock(other, 10, 0);
    }

    @Test
    void stockAlertsFireOncePerCrossing() {
        String product = product(10, 3);

        awaitDecided(order(line(product, 5))); // 10 -> 5: nothing
        awaitDecided(order(line(product, 3))); // 5 -> 2: LOW_STOCK
        awaitDecided(order(line(product, 1))); // 2 -> 1: still low, nothing new
        awaitDecided(order(line(product, 1))); // 1 -> 0: OUT_OF_STOCK
        awaitDecided(order(line(product, 1))); // rejected: stock stays 0, nothing
        api.post("/inventory/products/" + product + "/restock", "{\"quantity\":2}"); // 0 -> 2: BACK_IN_STOCK

        await().atMost(WAIT)
                .during(Duration.ofSeconds(2))
                .pollInSameThread()
                .until(
                        () -> alertsOf(product),
                        list -> list.equals(List.of("LOW_STOCK", "OUT_OF_STOCK", "BACK_IN_STOCK")));
        JsonNode low = alerts.about(product).get(0).get("data");
        assertThat(low.get("available").intValue()).isEqualTo(2);
        assertThat(low.get("lowStockThreshold").intValue()).isEqualTo(3);
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheNextOrderIsProcessed() {
        String notJson = "poison-" + UUID.randomUUID();
        String unknownType = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"com.example.unknown\",\"data\":{}}";
        send("order-events", "poison-key", notJson);
        send("order-events", "poison-key", unknownType);
        String product = product(5, 0);

        String orderId = order(line(product, 2));

        assertThat(awaitDecided(orderId).get("status").stringValue()).isEqualTo("CONFIRMED");
        List<ConsumerRecord<String, String>> dead = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> deadLetters.records().stream()
                                .filter(r -> "poison-key".equals(r.key()))
                                .toList(),
                        list -> list.size() == 2);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(notJson, unknownType);
        assertThat(TopicLog.header(dead.get(0), "x-exception-message")).isNotBlank();
        assertThat(TopicLog.header(dead.get(0), "x-original-topic")).isEqualTo("order-events");
    }

    @Test
    void aDeadLetterReplayedAfterTheFixIsProcessed() {
        String product = "sku-" + UUID.randomUUID();
        String orderId = order(line(product, 1));
        // the order event was consumed while its product did not exist: an UNKNOWN_PRODUCT answer, not a dead letter;
        // so dead-letter a valid event by hand, as the binder would after repeated failures, and replay it
        ConsumerRecord<String, String> created = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> orderEvents.records().stream()
                                .filter(r -> r.key().equals(orderId))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        awaitDecided(orderId);
        int answersBefore = await().atMost(WAIT)
                .pollInSameThread()
                .until(() -> answers.about(orderId).size(), n -> n == 1);
        String deadLetters = "replay-" + UUID.randomUUID() + ".dlq";
        dev.orderflow.local.infra.KafkaTopics.createMissing(
                system.kafkaAccess(PlatformKafka.ADMIN), List.of(deadLetters), 1);
        try (var producer = producer(PlatformKafka.ADMIN, Map.of())) {
            var dead = new ProducerRecord<>(deadLetters, created.key(), created.value());
            dead.headers().add("x-original-topic", "order-events".getBytes(StandardCharsets.UTF_8));
            producer.send(dead).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        assertThat(DeadLetterReplay.run(deadLetters, system.kafkaAccess(PlatformKafka.OPERATOR)))
                .isEqualTo(1);

        // replayed: Inventory sees the event again and repeats its answer; a second replay finds nothing new
        await().atMost(WAIT)
                .pollInSameThread()
                .until(() -> answers.about(orderId).size() > answersBefore);
        assertThat(DeadLetterReplay.run(deadLetters, system.kafkaAccess(PlatformKafka.OPERATOR)))
                .isZero();
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String product(int quantity, int threshold) {
        String id = "sku-" + UUID.randomUUID();
        Api.Reply reply = api.post(
                "/inventory/products",
                "{\"productId\":\"" + id + "\",\"quantity\":" + quantity + ",\"lowStockThreshold\":" + threshold + "}");
        assertThat(reply.status()).isEqualTo(201);
        return id;
    }

    private static String line(String productId, int quantity) {
        return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}";
    }

    private static String order(String... lines) {
        Api.Reply reply =
                api.post("/oms/orders", "{\"userId\":\"shopper\",\"orderItems\":[" + String.join(",", lines) + "]}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.data().get("orderId").stringValue();
    }

    private static JsonNode awaitDecided(String orderId) {
        return await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> api.get("/oms/orders/" + orderId).data(),
                        order -> FINAL_AFTER_INVENTORY.contains(
                                order.get("status").stringValue()));
    }

    private static void awaitLine(String orderId, String productId, String status, int quantity) {
        await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> lineOf(api.get("/oms/orders/" + orderId).data(), productId),
                        line -> line.get("status").stringValue().equals(status)
                                && line.get("quantity").intValue() == quantity);
    }

    private static JsonNode lineOf(JsonNode order, String productId) {
        for (JsonNode line : order.get("orderItems")) {
            if (line.get("productId").stringValue().equals(productId)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + productId + " in " + order);
    }

    private static void assertStock(String productId, long available, long reserved) {
        JsonNode product = api.get("/inventory/products/" + productId).data();
        assertThat(product.get("available").longValue())
                .as("available of %s", productId)
                .isEqualTo(available);
        assertThat(product.get("reserved").longValue())
                .as("reserved of %s", productId)
                .isEqualTo(reserved);
    }

    private static void awaitStock(String productId, long available, long reserved) {
        await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> api.get("/inventory/products/" + productId).data(),
                        p -> p.get("available").longValue() == available
                                && p.get("reserved").longValue() == reserved);
    }

    private static List<String> alertsOf(String productId) {
        return alerts.about(productId).stream()
                .map(a -> a.get("data").get("alert").stringValue())
                .toList();
    }

    /** Sends the records again as their producer, Order Management, would after a retry. */
    private static void redeliver(String topic, List<ConsumerRecord<String, String>> records) {
        try (var producer = producer(ORDER, Map.of())) {
            for (ConsumerRecord<String, String> record : records) {
                var copy = new ProducerRecord<>(topic, record.key(), record.value());
                record.headers().forEach(h -> copy.headers().add(h));
                producer.send(copy).get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sends as Order Management: the identity the broker lets write order events. */
    private static void send(String topic, String key, String value) {
        try (var producer = producer(ORDER, Map.of())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static KafkaProducer<String, String> producer(String identity, Map<String, Object> settings) {
        return new KafkaProducer<>(
                system.kafkaAccess(identity).config(settings), new StringSerializer(), new StringSerializer());
    }
}
