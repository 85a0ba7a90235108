package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.FreePorts;
import dev.orderflow.local.infra.KafkaAcls;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.supervision.ProcessRegistry;
import dev.orderflow.local.runner.template.TemplateFunctions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The fault-injection suite: the runner as its own process (the platform, one Order Management process and two
 * Inventory processes), on a Kafka broker and a DynamoDB-compatible server that this suite owns, while a storefront
 * places orders and retries each with its Idempotency-Key. The runner is killed with SIGKILL (and none of its
 * service processes outlives it), Kafka is taken away for longer than the re-drive used to tolerate, DynamoDB is taken
 * away and then stalled; then the services fail apart: every Inventory process killed (orders still accepted, decided
 * when the supervisor has them back), one of two Inventory replicas killed, Order Management killed (its routes answer
 * 503 at once, Inventory's go on). After each, {@link Invariants} must hold. Recovery times are written to
 * {@code target/fault-suite/figures.properties} (figures for docs/reliability.md, not assertions).
 *
 * <p>The re-drive runs with a short first wait (2 s) so that, with the old attempt-counting re-drive, these outages
 * would have cancelled lines; the business deadline is the default (1 h). {@code -Dorderflow.faults.crashes=N}
 * kills the runner N times (default 2; {@code local/faults} runs a longer soak); {@code -Dorderflow.faults.runner-jar=JAR}
 * runs another build's runner, and {@code -Dorderflow.faults.forget-member-id=true} restarts it as a new group member,
 * to compare.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    private static final Duration REQUEST_GIVE_UP = Duration.ofMinutes(4);
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final int CRASHES = Integer.getInteger("orderflow.faults.crashes", 2);
    private static final Path OUT = Path.of("target", "fault-suite");
    /** For comparison only: restart as a new consumer-group member, as the runner did before static membership. */
    private static final boolean FORGET_MEMBER_ID = Boolean.getBoolean("orderflow.faults.forget-member-id");

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static LocalDynamoDb dynamo;
    private static RunnerProcess runner;
    private static ProcessRegistry processes;
    private static Storefront shop;
    private static int httpPort;
    private static String adminToken;
    private static TopicLog orderDeadLetters;
    private static TopicLog answerDeadLetters;
    private static TopicLog alerts;
    private static final Map<String, String> figures = new LinkedHashMap<>();

    @BeforeAll
    static void startTheSystem() throws IOException {
        Files.createDirectories(OUT);
        // a broker of its own, which the tests stop and start, as the runner's is by default: TLS, an identity per
        // service, the services' rights from the template
        var identities = PlatformKafka.identities(
                dir, TemplateFunctions.read(LocalSystem.template()).services());
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, identities.tls());
        KafkaAcls.apply(kafka.adminAccess(), PlatformKafka.grants(LocalSystem.template()));
        dynamo = LocalDynamoDb.start(0, dir.resolve("dynamodb").resolve("orderflow.sqlite"));
        httpPort = FreePorts.next();
        processes = new ProcessRegistry(dir.resolve("runner").resolve("run"));
        runner = new RunnerProcess(
                List.of(
                        "--data-dir=" + dir.resolve("runner"),
                        "--http-port=" + httpPort,
                        "--kafka-bootstrap-servers=" + kafka.bootstrapServers(),
                        "--kafka-clients=" + identities.clients(),
                        "--dynamodb-endpoint=" + dynamo.endpoint(),
                        "--redrive-after=2",
                        "--replicas",
                        "inventory=2"),
                Map.of(),
                OUT.resolve("runner.log"));
        Files.deleteIfExists(OUT.resolve("runner.log"));
        figures.put("runner.first-start.seconds", seconds(runner.start()));
        DevelopmentIssuer issuer = DevelopmentIssuer.of(DevelopmentIssuer.issuerFor(httpPort), dir.resolve("runner"));
        shop = new Storefront(httpPort, issuer);
        adminToken = issuer.token("fault-suite", Api.BACK_OFFICE, Duration.ofHours(2));
        orderDeadLetters = new TopicLog(kafka.access(PlatformKafka.OPERATOR), "order-events.dlq");
        answerDeadLetters = new TopicLog(kafka.access(PlatformKafka.OPERATOR), "inventory-events.dlq");
        alerts = new TopicLog(kafka.access(PlatformKafka.OPERATOR), "inventory-alerts");
    }

    @AfterAll
    static void stopTheSystem() throws IOException {
        for (AutoCloseable part :
                new AutoCloseable[] {shop, orderDeadLetters, answerDeadLetters, alerts, runner, dynamo, kafka}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("stopping " + part + ": " + e);
            }
        }
        String text = figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(OUT.resolve("figures.properties"), text);
        System.out.println("Fault suite figures (" + OUT.resolve("figures.properties") + "):\n" + text);
    }

    @Test
    @Order(1)
    void killingTheRunnerWhileOrdersStreamInLosesNoOrderAndSellsNothingTwice() throws Exception {
        var scenario = new Scenario("crash", 60);
        List<CompletableFuture<Storefront.Placed>> orders = scenario.placeOrders(Duration.ofMillis(250));

        for (int crash = 1; crash <= CRASHES; crash++) {
            int before = orders.size() * crash / (CRASHES + 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> confirmed(orders) >= before);
            List<String> waiting = scenario.pendingNow(orders);
            List<ProcessRegistry.Entry> children =
                    processes.entries().stream().filter(e -> e.replica() > 0).toList();
            assertThat(children)
                    .as("one order process and two inventory processes")
                    .hasSize(3);
            runner.kill();
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> children.stream().noneMatch(ProcessRegistry.Entry::alive));
            figures.put(
                    "crash." + crash + ".children-gone-after-runner-killed.seconds",
                    seconds(Duration.ofNanos(System.nanoTime() - killedAt)));
            if (FORGET_MEMBER_ID) {
                Files.deleteIfExists(dir.resolve("runner").resolve("kafka-member-id"));
            }
            Duration start = runner.start();
            long upAt = System.nanoTime();
            // a new order after the restart is decided only once the Kafka-triggered functions have their partitions
            // back
            var probe = shop.place("probe-" + UUID.randomUUID(), scenario.orderBody(0), REQUEST_GIVE_UP);
            orders.add(probe);
            String probeId =
                    probe.get(REQUEST_GIVE_UP.toSeconds(), TimeUnit.SECONDS).orderId();
            await().atMost(SETTLE).until(() -> scenario.allFinal(List.of(probeId)));
            Duration firstDecided = Duration.ofNanos(System.nanoTime() - upAt);
            await().atMost(SETTLE).until(() -> scenario.allFinal(waiting));
            figures.put("crash." + crash + ".restart.seconds", seconds(start));
            figures.put("crash." + crash + ".up-to-new-order-decided.seconds", seconds(firstDecided));
            figures.put("crash." + crash + ".orders-pending-at-kill", Integer.toString(waiting.size()));
        }

        scenario.settleAndCheck(orders);
    }

    @Test
    @Order(2)
    void kafkaAwayForLongerThanTheOldToleranceRejectsNoInStockOrder() throws Exception {
        Duration outage = Duration.ofSeconds(Integer.getInteger("orderflow.faults.kafka-outage-seconds", 25));
        var scenario = new Scenario("kafka", 40);
        List<CompletableFuture<Storefront.Placed>> orders = scenario.placeOrders(Duration.ofMillis(250));
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(orders) >= 5);

        long linesBefore = runner.logLines();
        kafka.stop();
        // orders only need DynamoDB: the API keeps confirming them while the broker is away
        await().during(outage)
                .atMost(outage.plusSeconds(10))
                .until(() -> !shop.refusals().keySet().stream().anyMatch(s -> s.startsWith("5")));
        kafka.start();
        long back = System.nanoTime();
        figures.put("kafka.runner-log-lines-during-outage", Long.toString(runner.logLines() - linesBefore));

        scenario.settleAndCheck(orders);
        figures.put("kafka.outage.seconds", Long.toString(outage.toSeconds()));
        figures.put("kafka.back-to-all-orders-final.seconds", seconds(Duration.ofNanos(System.nanoTime() - back)));
    }

    @Test
    @Order(3)
    void dynamoDbAwayThenStalledAnswers503AndLosesNoOrder() throws Exception {
        Duration outage = Duration.ofSeconds(10);
        Duration stall = Duration.ofSeconds(8);
        var scenario = new Scenario("store", 40);
        Map<String, Integer> before = shop.refusals();
        List<CompletableFuture<Storefront.Placed>> orders = scenario.placeOrders(Duration.ofMillis(500));
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(orders) >= 5);

        long linesBefore = runner.logLines();
        dynamo.stop();
        await().during(outage)
                .atMost(outage.plusSeconds(10))
                .until(() -> !shop.refusals().containsKey("500"));
        dynamo.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(orders) >= 20);
        signal("STOP", dynamo.pid());
        try {
            await().during(stall)
                    .atMost(stall.plusSeconds(10))
                    .until(() -> !shop.refusals().containsKey("500"));
        } finally {
            signal("CONT", dynamo.pid());
        }
        long back = System.nanoTime();
        figures.put("store.runner-log-lines-during-outage-and-stall", Long.toString(runner.logLines() - linesBefore));

        scenario.settleAndCheck(orders);
        Map<String, Integer> refusals = shop.refusals();
        assertThat(refusals).as("what the storefront met").doesNotContainKeys("500", "502");
        assertThat(refusals.getOrDefault("503", 0))
                .as("503s while the store was away")
                .isGreaterThan(before.getOrDefault("503", 0));
        figures.put("store.outage.seconds", Long.toString(outage.toSeconds()));
        figures.put("store.stall.seconds", Long.toString(stall.toSeconds()));
        figures.put("store.refusals", refusals.toString());
        figures.put(
                "store.slowest-refusal.millis",
                Long.toString(shop.slowestRefusal().toMillis()));
        figures.put("store.back-to-all-orders-final.seconds", seconds(Duration.ofNanos(System.nanoTime() - back)));
    }

    @Test
    @Order(4)
    void killingEveryInventoryProcessWhileOrdersStreamInOnlyDelaysTheirDecisions() throws Exception {
        var scenario = new Scenario("inventory-down", 40);
        List<CompletableFuture<Storefront.Placed>> orders = scenario.placeOrders(Duration.ofMillis(250));
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(orders) >= 5);

        List<ProcessRegistry.Entry> inventory = processes.live("inventory");
        assertThat(inventory).hasSize(2);
        inventory.forEach(FaultToleranceIT::kill);
        long killedAt = System.nanoTime();
        // Order Management still takes orders: they wait PENDING for Inventory
        Storefront.Placed probe = shop.place("probe-" + UUID.randomUUID(), scenario.orderBody(0), REQUEST_GIVE_UP)
                .get(30, TimeUnit.SECONDS);
        orders.add(CompletableFuture.completedFuture(probe));
        assertThat(order(probe.orderId()).path("status").asString())
                .as("an order placed while Inventory is down")
                .isEqualTo("PENDING");
        await().atMost(SETTLE).until(() -> scenario.allFinal(List.of(probe.orderId())));
        figures.put(
                "inventory-down.kill-to-order-decided.seconds",
                seconds(Duration.ofNanos(System.nanoTime() - killedAt)));
        // the supervisor restarts both (one of them may have taken the partitions and decided the order before the
        // other is up)
        await().atMost(Duration.ofSeconds(60))
                .until(() -> processes.live("inventory").size() == 2);
        assertThat(processes.live("inventory"))
                .as("both Inventory processes are new ones")
                .noneMatch(e -> inventory.stream().anyMatch(old -> old.pid() == e.pid()));

        scenario.settleAndCheck(orders);
    }

    @Test
    @Order(5)
    void killingOneOfTwoInventoryReplicasLosesNothingAndCountsNothingTwice() throws Exception {
        var scenario = new Scenario("replica", 40);
        List<CompletableFuture<Storefront.Placed>> orders = scenario.placeOrders(Duration.ofMillis(250));
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(orders) >= 10);

        kill(processes.live("inventory").get(0));
        long killedAt = System.nanoTime();
        // orders on every partition: those of the killed replica's partitions wait until they have a consumer again
        List<String> probes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Storefront.Placed probe = shop.place("probe-" + UUID.randomUUID(), scenario.orderBody(i), REQUEST_GIVE_UP)
                    .get(30, TimeUnit.SECONDS);
            orders.add(CompletableFuture.completedFuture(probe));
            probes.add(probe.orderId());
        }
        await().atMost(SETTLE).until(() -> scenario.allFinal(probes));
        figures.put(
                "replica.kill-to-orders-on-every-partition-decided.seconds",
                seconds(Duration.ofNanos(System.nanoTime() - killedAt)));

        scenario.settleAndCheck(orders);
    }

    @Test
    @Order(6)
    void withOrderManagementDownItsRoutesAnswer503AndInventoryAnswersWaitOnKafka() throws Exception {
        var scenario = new Scenario("order-down", 40);
        List<CompletableFuture<Storefront.Placed>> orders = scenario.placeOrders(Duration.ofMillis(250));
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(orders) >= 10);

        List<ProcessRegistry.Entry> order = processes.live("order");
        assertThat(order).hasSize(1);
        kill(order.get(0));
        long killedAt = System.nanoTime();
        HttpResponse<String> refused = raw("/oms/orders/" + orders.get(0).join().orderId());
        HttpResponse<String> stock = raw("/inventory/products/" + scenario.scarce);
        figures.put(
                "order-down.refusal.millis",
                Long.toString(Duration.ofNanos(System.nanoTime() - killedAt).toMillis()));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(stock.statusCode())
                .as("Inventory's routes while Order Management is down")
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> processes.live("order").size() == 1);
        figures.put("order-down.kill-to-api-back.seconds", seconds(Duration.ofNanos(System.nanoTime() - killedAt)));
        scenario.settleAndCheck(orders);
        assertThat(shop.refusals()).as("what the storefront met").doesNotContainKeys("500", "502");
    }

    /** One user, a product in plenty and a scarce one (threshold 5), and orders that want one scarce unit each. */
    private static final class Scenario {

        private final String user = "user-" + UUID.randomUUID();
        private final String plenty = "plenty-" + UUID.randomUUID();
        final String scarce = "scarce-" + UUID.randomUUID();
        private final int count;
        private final int scarceStock;
        private final String name;

        Scenario(String name, int count) {
            this.name = name;
            this.count = count;
            this.scarceStock = count / 3;
            addProduct(plenty, 10_000, 0);
            addProduct(scarce, scarceStock, 5);
        }

        List<CompletableFuture<Storefront.Placed>> placeOrders(Duration every) {
            return shop.placeMany(name + "-" + UUID.randomUUID(), count, every, this::orderBody, REQUEST_GIVE_UP);
        }

        String orderBody(int index) {
            return "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"" + plenty + "\",\"quantity\":"
                    + (index % 3 + 1) + "},{\"productId\":\"" + scarce + "\",\"quantity\":1}]}";
        }

        /** The confirmed orders that are PENDING right now. */
        List<String> pendingNow(List<CompletableFuture<Storefront.Placed>> orders) {
            return orders.stream()
                    .filter(CompletableFuture::isDone)
                    .filter(f -> !f.isCompletedExceptionally())
                    .map(f -> f.join().orderId())
                    .filter(id ->
                            !Invariants.FINAL.contains(order(id).path("status").asString()))
                    .toList();
        }

        boolean allFinal(List<String> orderIds) {
            return orderIds.stream()
                    .allMatch(id ->
                            Invariants.FINAL.contains(order(id).path("status").asString()));
        }

        void settleAndCheck(List<CompletableFuture<Storefront.Placed>> orders) throws Exception {
            CompletableFuture.allOf(orders.toArray(CompletableFuture[]::new))
                    .get(REQUEST_GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS);
            List<Storefront.Placed> placed =
                    orders.stream().map(CompletableFuture::join).toList();
            List<String> ids = placed.stream().map(Storefront.Placed::orderId).toList();
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(() -> allFinal(ids));
            // the products stream reaches the alerts at Lambda's rate; the last crossing may still be on its way
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .untilAsserted(() -> Invariants.alertsFireOncePerCrossing(
                            scarce, alerts.records(), Map.of("LOW_STOCK", 1, "OUT_OF_STOCK", 1)));
            List<JsonNode> ofUser = ordersOfUser();

            Invariants.everyRequestIsExactlyOneOrder(placed, ofUser);
            Invariants.everyOrderIsFinalAndNoLineTimedOut(ofUser);
            Invariants.stockMatchesTheOrders(plenty, 10_000, product(plenty), ofUser);
            Invariants.stockMatchesTheOrders(scarce, scarceStock, product(scarce), ofUser);
            assertThat(product(scarce).path("available").asLong())
                    .as("the scarce product is sold down to zero")
                    .isZero();
            Invariants.alertsFireOncePerCrossing(plenty, alerts.records(), Map.of());
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> deadLetters =
                    new ArrayList<>(orderDeadLetters.records());
            deadLetters.addAll(answerDeadLetters.records());
            Invariants.nothingWasDeadLettered(deadLetters);
            figures.put(name + ".orders", Integer.toString(placed.size()));
            figures.put(
                    name + ".sends-per-order.max",
                    Integer.toString(placed.stream()
                            .mapToInt(Storefront.Placed::attempts)
                            .max()
                            .orElse(0)));
        }

        private List<JsonNode> ordersOfUser() {
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = shop.get("/oms/orders?userId=" + user + "&limit=100"
                                + (cursor == null ? "" : "&cursor=" + cursor))
                        .path("data");
                page.path("orders").forEach(all::add);
                cursor = page.path("nextCursor").isString()
                        ? page.path("nextCursor").asString()
                        : null;
            } while (cursor != null);
            return all;
        }
    }

    private static void addProduct(String productId, int quantity, int threshold) {
        JsonNode created = shop.post(
                "/inventory/products",
                "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + ",\"lowStockThreshold\":" + threshold
                        + "}");
        assertThat(created.path("success").asBoolean()).as(created.toString()).isTrue();
    }

    private static JsonNode order(String orderId) {
        return shop.get("/oms/orders/" + orderId).path("data");
    }

    private static JsonNode product(String productId) {
        return shop.get("/inventory/products/" + productId).path("data");
    }

    private static long confirmed(List<CompletableFuture<Storefront.Placed>> orders) {
        return orders.stream()
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .count();
    }

    /** SIGKILL of one process of the system, as the OOM killer would. */
    private static void kill(ProcessRegistry.Entry process) {
        ProcessHandle handle =
                process.handle().orElseThrow(() -> new AssertionError(process.name() + " is not running"));
        handle.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !handle.isAlive());
    }

    /** A request as any client sends it, its status and headers kept. */
    private static HttpResponse<String> raw(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                                .header("Authorization", "Bearer " + adminToken)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s %d", signal, pid)
                .isTrue();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
