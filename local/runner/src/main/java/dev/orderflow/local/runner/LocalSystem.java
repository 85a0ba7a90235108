package dev.orderflow.local.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.orderflow.contracts.Topics;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.lambda.kafka.DeadLetters;
import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.KafkaTopics;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The whole system, started in dependency order and stopped in reverse: Kafka and DynamoDB (embedded
 * unless external ones are given), tables and topics, the function beans behind the API Gateway stand-in,
 * the stream triggers (outbox -> relay, products -> alerts), the re-drive schedule, and the Kafka-triggered
 * functions bound through Spring Cloud Stream.
 */
public final class LocalSystem implements AutoCloseable {

    static final OrderTableNames ORDER_TABLES = new OrderTableNames("orders", "order-outbox", "order-idempotency");
    static final InventoryTableNames INVENTORY_TABLES = new InventoryTableNames("inventory-products", "inventory-reservations");
    static final List<String> TOPICS = List.of(Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.INVENTORY_ALERTS,
            DeadLetters.topicOf(Topics.ORDER_EVENTS), DeadLetters.topicOf(Topics.INVENTORY_EVENTS));
    static final int PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String kafkaBootstrap;
    private URI dynamoDbEndpoint;
    private EmbeddedKafka kafka;
    private ApiGatewayStandIn gateway;
    private DevelopmentIssuer issuer;
    private FunctionPool functions;
    private java.util.function.Consumer<String> onFatal;

    private LocalSystem() {
    }

    public static LocalSystem start(LocalSettings settings) {
        return start(settings, reason -> log.error("{}", reason));
    }

    /**
     * @param onFatal told when a part the runner supervises is gone for good (its DynamoDB-compatible server keeps
     *                dying): the runner's main stops the process, so it never goes on answering 500s
     */
    public static LocalSystem start(LocalSettings settings, java.util.function.Consumer<String> onFatal) {
        var system = new LocalSystem();
        system.onFatal = onFatal;
        try {
            system.startAll(settings);
            return system;
        } catch (RuntimeException | IOException e) {
            system.close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    private void startAll(LocalSettings settings) throws IOException {
        PortCheck.requireFree(settings);
        Path kafkaDir = settings.inMemory() ? temporaryDirectory("orderflow-kafka") : settings.dataDir().resolve("kafka");
        if (settings.inMemory()) {
            // removed last, also when a later part fails to start
            started.push(() -> deleteRecursively(kafkaDir));
        }
        if (settings.kafkaBootstrap() == null) {
            kafka = EmbeddedKafka.start(kafkaDir, settings.kafkaPort());
            started.push(kafka);
            kafkaBootstrap = kafka.bootstrapServers();
        } else {
            kafkaBootstrap = settings.kafkaBootstrap();
        }
        if (settings.dynamoDbEndpoint() == null) {
            LocalDynamoDb dynamo = LocalDynamoDb.start(settings.dynamoDbPort(),
                    settings.inMemory() ? null : settings.dataDir().resolve("dynamodb").resolve("orderflow.sqlite"));
            started.push(dynamo);
            dynamo.onGiveUp(() -> onFatal.accept("the DynamoDB-compatible server on " + dynamo.endpoint()
                    + " died and could not be restarted with its data; stopping"));
            dynamoDbEndpoint = dynamo.endpoint();
        } else {
            dynamoDbEndpoint = URI.create(settings.dynamoDbEndpoint());
        }

        DynamoDbClient dynamo = LocalDynamoDb.client(dynamoDbEndpoint);
        started.push(dynamo);
        DynamoDbStreamsClient streams = LocalDynamoDb.streamsClient(dynamoDbEndpoint);
        started.push(streams);
        OrderTables.createMissing(dynamo, ORDER_TABLES);
        InventoryTables.createMissing(dynamo, INVENTORY_TABLES);
        KafkaTopics.createMissing(kafkaBootstrap, TOPICS, PARTITIONS);

        // what the SAM template's Globals give every function, pointed at the local infrastructure
        System.setProperty("DYNAMODB_ENDPOINT", dynamoDbEndpoint.toString());
        System.setProperty("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        System.setProperty("KAFKA_AUTH", "NONE");
        System.setProperty("ORDERS_TABLE", ORDER_TABLES.orders());
        System.setProperty("ORDER_OUTBOX_TABLE", ORDER_TABLES.outbox());
        System.setProperty("ORDER_IDEMPOTENCY_TABLE", ORDER_TABLES.idempotency());
        System.setProperty("ORDER_EVENTS_TOPIC", Topics.ORDER_EVENTS);
        System.setProperty("PRODUCTS_TABLE", INVENTORY_TABLES.products());
        System.setProperty("RESERVATIONS_TABLE", INVENTORY_TABLES.reservations());
        System.setProperty("INVENTORY_EVENTS_TOPIC", Topics.INVENTORY_EVENTS);
        System.setProperty("INVENTORY_ALERTS_TOPIC", Topics.INVENTORY_ALERTS);
        System.setProperty("REDRIVE_AFTER", settings.redriveAfter().toString());
        System.setProperty("PAYMENT_HOLD", settings.paymentHold().toString());
        System.setProperty("spring.main.banner-mode", "off");
        // every function environment is a Spring application: without this, each logs its start-up at INFO
        System.setProperty("spring.main.log-startup-info", "false");
        System.setProperty("spring.output.ansi.enabled", "never");

        HttpRoutes routes = HttpRoutes.fromTemplate(template());
        // what the template gives the $default route's function, from the same routes
        System.setProperty("API_ROUTES", routes.spec());
        functions = new FunctionPool(routes.mainClasses(), settings.concurrency());
        routes.all().stream().map(HttpRoutes.Route::function).distinct().forEach(functions::warmUp);
        List.of("relayOrderEvents", "detectStockAlerts", "redrivePendingOrders", "expireUnpaidOrders", "onOrderEventBatch",
                "onInventoryEventBatch").forEach(functions::warmUp);

        // the template's stream triggers, schedule and MSK triggers, locally
        var checkpoints = new StreamCheckpoints(settings.inMemory() ? null : settings.dataDir().resolve("stream-checkpoints.properties"));
        // the outbox's events are on every order's way to its final status: polled often; stock alerts are not:
        // polled at Lambda's rate, so a busy products stream reaches the function in batches
        started.push(DynamoDbStreamTrigger.start(dynamo, streams, ORDER_TABLES.outbox(), "relayOrderEvents", functions,
                checkpoints, Set.of("INSERT"), DynamoDbStreamTrigger.CRITICAL_PATH_POLL));
        started.push(DynamoDbStreamTrigger.start(dynamo, streams, INVENTORY_TABLES.products(), "detectStockAlerts", functions,
                checkpoints, Set.of("INSERT", "MODIFY"), DynamoDbStreamTrigger.LAMBDA_POLL));
        var schedules = new Schedules();
        started.push(schedules);
        schedules.every(redriveRate(settings.redriveAfter()), "redrivePendingOrders", functions);
        if (!settings.paymentHold().isZero()) {
            schedules.every(expiryRate(settings.paymentHold()), "expireUnpaidOrders", functions);
        }
        var bindings = new StreamBindings(settings.inMemory() ? null : memberId(settings.dataDir()));
        started.push(bindings);
        bindings.bind(functions, "onOrderEventBatch", Topics.ORDER_EVENTS, "inventory", kafkaBootstrap, PARTITIONS);
        bindings.bind(functions, "onInventoryEventBatch", Topics.INVENTORY_EVENTS, "order-management", kafkaBootstrap, PARTITIONS);
        // the issuer's name holds the API port: known before the gateway binds it
        int httpPort = settings.httpPort() == 0 ? dev.orderflow.local.infra.FreePorts.next() : settings.httpPort();
        GatewayAuthorization authorization = authorization(settings, routes, httpPort);
        gateway = ApiGatewayStandIn.start(settings.httpHost(), httpPort, routes, functions, authorization, issuer);
        started.push(gateway);
        log.info("orderflow is up: API http://{}:{} ({} routes), Kafka {}, DynamoDB {}", settings.httpHost(), gateway.port(),
                routes.all().size(), kafkaBootstrap, dynamoDbEndpoint);
        routes.all().forEach(route -> log.info("  {} -> {}{}", route.routeKey(), route.function(),
                !route.authorized() ? "  (no token needed)" : route.scopes().isEmpty() ? "" : "  (scope " + String.join(" or ", route.scopes()) + ")"));
        if (!authorization.verifies()) {
            // said again last, where the eye lands when the runner is up
            authOffBanner();
        } else if (issuer != null) {
            log.info("Tokens: the runner is its issuer ({}); get one with: java -jar local/runner/target/local-runner.jar token --user USER",
                    issuer.issuer());
        }
    }

    private static void authOffBanner() {
        log.warn("**************************************************************************************************");
        log.warn("AUTH IS OFF (--auth=off): no token is checked; a request without one acts as {} with every scope.",
                GatewayAuthorization.DEVELOPER);
        log.warn("Anyone who reaches this port may read and change every order. For experiments on this machine only.");
        log.warn("**************************************************************************************************");
    }

    /** The gateway's authorizer: the runner's own issuer unless --jwt-issuer names another; nothing at all with --auth=off. */
    private GatewayAuthorization authorization(LocalSettings settings, HttpRoutes routes, int httpPort) {
        LocalSettings.Auth auth = settings.auth();
        if (auth.issuer() == null) {
            issuer = DevelopmentIssuer.of(DevelopmentIssuer.issuerFor(httpPort), settings.dataDir());
        }
        if (!auth.enabled()) {
            authOffBanner();
            return GatewayAuthorization.off(routes);
        }
        JwtAuthorizer authorizer = issuer != null
                ? new JwtAuthorizer(issuer.issuer(), auth.audiences(), new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(issuer.publicKeys()))
                : JwtAuthorizer.discover(auth.issuer(), auth.audiences());
        return GatewayAuthorization.verifying(authorizer);
    }

    /** The runner's own issuer, which signs tokens for tests and the {@code token} command; null with --jwt-issuer. */
    public DevelopmentIssuer issuer() {
        return issuer;
    }

    public int httpPort() {
        return gateway.port();
    }

    /** How many times the function was invoked since the system started. */
    long invocations(String function) {
        return functions.invocations(function);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    /** The embedded broker, for tests that take Kafka away; null when an external Kafka is used. */
    public EmbeddedKafka embeddedKafka() {
        return kafka;
    }

    @Override
    public void close() {
        if (functions != null) {
            functions.logBatches();
        }
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", component, e);
            }
        }
    }

    /** How often the re-drive runs: often enough that an order is re-driven soon after it is due. */
    private static java.time.Duration redriveRate(java.time.Duration after) {
        java.time.Duration third = after.dividedBy(3);
        return third.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : third;
    }

    /**
     * This runner's identity as a static member of its consumer groups, made once and kept in the data folder, so a
     * runner restarted on the same data takes its partitions back at once (see {@link StreamBindings}).
     */
    static String memberId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("kafka-member-id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = "runner-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(dataDir);
        Files.writeString(file, id + System.lineSeparator());
        return id;
    }

    /** How often the payment hold is checked: a third of the hold, between every second and every minute (as on AWS). */
    private static java.time.Duration expiryRate(java.time.Duration hold) {
        java.time.Duration third = hold.dividedBy(3);
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        return third.compareTo(java.time.Duration.ofSeconds(1)) < 0 ? java.time.Duration.ofSeconds(1) : third.compareTo(minute) > 0 ? minute : third;
    }

    private static InputStream template() {
        InputStream template = LocalSystem.class.getClassLoader().getResourceAsStream("infra/template.yaml");
        if (template == null) {
            throw new IllegalStateException("infra/template.yaml is not on the classpath; build the runner with Maven");
        }
        return template;
    }

    private static Path temporaryDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(prefix);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
