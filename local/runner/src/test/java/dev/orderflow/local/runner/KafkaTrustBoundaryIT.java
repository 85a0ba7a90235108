package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.runner.cli.DeadLetterReplay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kafka as a trust boundary, tried from outside against the whole local system as it starts by default (its broker
 * speaks TLS and knows each service by its certificate): the forgeries that once sold stock twice or confirmed an
 * order with nothing behind it, sent by an identity that may not write the topic, are refused by the broker; sent by
 * the identity that may, they are impossible events, dead-lettered with their reason, and change nothing.
 */
@SharedSystem.OnIt
class KafkaTrustBoundaryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalSystem system;
    private static Api api;
    private static TopicLog orderDeadLetters;
    private static TopicLog answerDeadLetters;

    @BeforeAll
    static void useTheSharedSystem(LocalSystem shared) {
        system = shared;
        api = new Api(system);
        orderDeadLetters = new TopicLog(system.kafkaAccess(PlatformKafka.OPERATOR), "order-events.dlq");
        answerDeadLetters = new TopicLog(system.kafkaAccess(PlatformKafka.OPERATOR), "inventory-events.dlq");
    }

    @AfterAll
    static void closeTopicReaders() {
        orderDeadLetters.close();
        answerDeadLetters.close();
    }

    @Test
    void inventoryCannotCancelAnOrderByWritingOrderEvents() {
        String product = product(10);
        String orderId = awaitConfirmed(order(product, 3));

        assertThatThrownBy(() -> send(
                        "inventory",
                        "order-events",
                        orderId,
                        orderUpdated(orderId, Long.MAX_VALUE, "CANCELED", product, 3)))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(PlatformKafka.OPERATOR, "inventory-alerts", product, "{}"))
                .as("the operator writes back only what replay sends back")
                .hasCauseInstanceOf(TopicAuthorizationException.class);

        assertStock(product, 7, 3);
        assertThat(api.get("/oms/orders/" + orderId).data().get("status").stringValue())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void orderManagementCannotConfirmAnOrderByWritingAnInventoryAnswer() {
        String product = product(0);
        String orderId = order(product, 2);

        assertThatThrownBy(() -> send(
                        "order",
                        "inventory-events",
                        orderId,
                        reserved(
                                orderId,
                                1,
                                "[{\"productId\":\"" + product + "\",\"quantity\":2,\"status\":\"EXECUTED\"}]")))
                .hasCauseInstanceOf(TopicAuthorizationException.class);

        JsonNode decided = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> api.get("/oms/orders/" + orderId).data(),
                        order -> !order.get("status").stringValue().equals("PENDING"));
        assertThat(decided.get("status").stringValue())
                .as("the real answer: out of stock")
                .isEqualTo("REJECTED");
    }

    @Test
    void theRightIdentitySendingAnImpossibleOrderEventGetsItDeadLetteredAndNothingChanges() throws Exception {
        String product = product(10);
        String orderId = awaitConfirmed(order(product, 3));

        send("order", "order-events", orderId, orderUpdated(orderId, Long.MAX_VALUE, "CANCELED", product, 3));
        send("order", "order-events", orderId, orderUpdated(orderId, 3, "PENDING", product, -3));

        List<String> reasons = await().atMost(WAIT)
                .pollInSameThread()
                .until(() -> reasons(orderDeadLetters, orderId), r -> r.size() >= 2);
        assertThat(reasons)
                .anySatisfy(reason -> assertThat(reason).contains("orderVersion"))
                .anySatisfy(reason -> assertThat(reason).contains("quantity: must be a whole number from 1 to 10000"));
        assertStock(product, 7, 3);

        // the real change that follows is applied, not ignored as older than the forged version
        assertThat(api.put("/oms/orders/" + orderId, "{\"status\":\"CANCELED\"}")
                        .status())
                .isEqualTo(200);
        awaitStock(product, 10, 0);
    }

    @Test
    void theRightIdentitySendingAnAnswerThatMatchesNoOrderLineGetsItDeadLetteredAndNothingChanges() throws Exception {
        String product = product(0);
        String orderId = order(product, 2);
        JsonNode decided = await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> api.get("/oms/orders/" + orderId).data(),
                        order -> !order.get("status").stringValue().equals("PENDING"));

        send(
                "inventory",
                "inventory-events",
                orderId,
                reserved(
                        orderId,
                        1,
                        "[{\"productId\":\"sku-" + UUID.randomUUID() + "\",\"quantity\":2,\"status\":\"EXECUTED\"}]"));

        List<String> reasons = await().atMost(WAIT)
                .pollInSameThread()
                .until(() -> reasons(answerDeadLetters, orderId), r -> !r.isEmpty());
        assertThat(reasons.get(0)).contains("is no line of the order");
        assertThat(api.get("/oms/orders/" + orderId).data()).isEqualTo(decided);
    }

    @Test
    void theStaffSeeEachServicesDeadLettersWaitingUntilTheOperatorReplaysThem() throws Exception {
        String product = product(10);
        String orderId = awaitConfirmed(order(product, 1));
        long inventoryBefore = waiting("/inventory/dead-letters");
        long orderBefore = waiting("/oms/dead-letters");

        send("order", "order-events", orderId, orderUpdated(orderId, 9, "PENDING", product, -1));
        send(
                "inventory",
                "inventory-events",
                orderId,
                reserved(orderId, 1, "[{\"productId\":\"sku-none\",\"quantity\":2,\"status\":\"EXECUTED\"}]"));

        await().atMost(WAIT).pollInSameThread().until(() -> waiting("/inventory/dead-letters") > inventoryBefore);
        await().atMost(WAIT).pollInSameThread().until(() -> waiting("/oms/dead-letters") > orderBefore);
        Api.Reply shown = api.get("/oms/dead-letters");
        assertThat(shown.data().get("topic").stringValue()).isEqualTo("inventory-events.dlq");
        assertThat(api.as("user-1").get("/oms/dead-letters").status()).isEqualTo(403);
        assertThat(api.as("user-1").get("/inventory/dead-letters").status()).isEqualTo(403);

        // the operator replays Order Management's dead letters: what replay took waits no more; being answers for no
        // line of their orders, each is dead-lettered again on its way back, and only those copies wait then
        int replayed = DeadLetterReplay.run("inventory-events.dlq", system.kafkaAccess(PlatformKafka.OPERATOR));
        assertThat(replayed).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).pollInSameThread().until(() -> waiting("/oms/dead-letters") == replayed);
    }

    private static long waiting(String path) {
        Api.Reply reply = api.get(path);
        assertThat(reply.status()).as("%s: %s", path, reply.body()).isEqualTo(200);
        return reply.data().get("waiting").longValue();
    }

    @Test
    void aClientWithoutACertificateGetsNothingFromTheBroker() {
        try (Admin admin = Admin.create(KafkaAccess.plaintext(system.kafkaBootstrapServers())
                .config(Map.of(
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        3_000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        3_000)))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** Sends one record as {@code identity}, waiting for the broker's answer. */
    private static void send(String identity, String topic, String key, String value) throws ExecutionException {
        try (var producer = new KafkaProducer<>(
                system.kafkaAccess(identity)
                        .config(Map.of(
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                10_000,
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                10_000,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                5_000)),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> reasons(TopicLog deadLetters, String key) {
        return deadLetters.records().stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> TopicLog.header(record, "x-exception-message"))
                .toList();
    }

    private static String orderUpdated(String orderId, long version, String status, String product, int quantity) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"source\":\"/oms/orders\",\"type\":\"dev.orderflow.order.updated.v1\","
                + "\"subject\":\"" + orderId
                + "\",\"time\":\"2026-12-06T10:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{"
                + "\"orderId\":\"" + orderId + "\",\"userId\":\"shopper\",\"orderVersion\":" + version
                + ",\"status\":\"" + status
                + "\",\"orderItems\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity
                + ",\"status\":\"EXECUTED\"}]}}";
    }

    private static String reserved(String orderId, long version, String lines) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"source\":\"/inventory\",\"type\":\"dev.orderflow.inventory.reservation.v1\","
                + "\"subject\":\"" + orderId
                + "\",\"time\":\"2026-12-06T10:00:00Z\",\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":\""
                + orderId + "\",\"orderVersion\":" + version + ",\"action\":\"RESERVED\",\"orderItems\":" + lines
                + ",\"occurredAt\":\"2026-12-06T10:00:00Z\"}}";
    }

    private static String product(int quantity) {
        String id = "sku-" + UUID.randomUUID();
        assertThat(api.post(
                                "/inventory/products",
                                "{\"productId\":\"" + id + "\",\"quantity\":" + quantity + ",\"lowStockThreshold\":0}")
                        .status())
                .isEqualTo(201);
        return id;
    }

    private static String order(String product, int quantity) {
        Api.Reply reply = api.post(
                "/oms/orders",
                "{\"userId\":\"shopper\",\"orderItems\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity
                        + "}]}");
        assertThat(reply.status()).isEqualTo(201);
        return reply.data().get("orderId").stringValue();
    }

    private static String awaitConfirmed(String orderId) {
        await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> api.get("/oms/orders/" + orderId)
                                .data()
                                .get("status")
                                .stringValue(),
                        status -> status.equals("CONFIRMED"));
        return orderId;
    }

    private static void assertStock(String product, long available, long reserved) {
        JsonNode stock = api.get("/inventory/products/" + product).data();
        assertThat(stock.get("available").longValue()).as("available").isEqualTo(available);
        assertThat(stock.get("reserved").longValue()).as("reserved").isEqualTo(reserved);
    }

    private static void awaitStock(String product, long available, long reserved) {
        await().atMost(WAIT)
                .pollInSameThread()
                .until(
                        () -> api.get("/inventory/products/" + product).data(),
                        stock -> stock.get("available").longValue() == available
                                && stock.get("reserved").longValue() == reserved);
    }
}
