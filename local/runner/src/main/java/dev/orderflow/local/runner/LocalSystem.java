package dev.orderflow.local.runner;

import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.infra.KafkaAcls;
import dev.orderflow.local.infra.KafkaTopics;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.gateway.ApiGatewayStandIn;
import dev.orderflow.local.runner.gateway.ConsoleSite;
import dev.orderflow.local.runner.gateway.GatewayAuthorization;
import dev.orderflow.local.runner.gateway.HttpRoutes;
import dev.orderflow.local.runner.lambda.RemoteFunctions;
import dev.orderflow.local.runner.lambda.ServiceEndpoints;
import dev.orderflow.local.runner.supervision.ProcessRegistry;
import dev.orderflow.local.runner.supervision.ProcessStatus;
import dev.orderflow.local.runner.supervision.Supervisor;
import dev.orderflow.local.runner.template.FunctionEnvironment;
import dev.orderflow.local.runner.template.SamTemplates;
import dev.orderflow.local.runner.template.TemplateFunctions;
import dev.orderflow.local.runner.triggers.DynamoDbStreamTrigger;
import dev.orderflow.local.runner.triggers.Schedules;
import dev.orderflow.local.runner.triggers.StreamCheckpoints;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The whole system, as processes: the platform - this process, holding Kafka (embedded unless an external one is
 * given), the DynamoDB-compatible server (a child process, likewise), the API Gateway stand-in with its authorizer and
 * development issuer, the stream triggers and the schedules - and one process per replica of each service, started and
 * kept running by a {@link Supervisor}, each holding only its own service's functions ({@link ServiceHost}). The
 * platform reaches a function through Lambda's Invoke API in a process of its service ({@link RemoteFunctions}); the
 * services consume their topics themselves. Everything is started in dependency order and stopped in reverse: no
 * request is taken before every replica is up, and the gateway, the schedules and the triggers stop before the
 * services they invoke. Every process is in the run folder ({@link ProcessRegistry}), where the next start finds what a
 * killed runner left behind.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);
    /** How long the services' processes may take to come up (a first start on a busy machine). */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** How soon a replica that came up (or a separately started --only SERVICE) is invoked. */
    private static final Duration ENDPOINTS_REFRESH = Duration.ofMillis(500);

    private final StartedParts started = new StartedParts();
    private final List<DynamoDbStreamTrigger> wakeable = new CopyOnWriteArrayList<>();
    private String kafkaBootstrap;
    private PlatformKafka kafkaSecurity;
    private URI dynamoDbEndpoint;
    private EmbeddedKafka kafka;
    private DynamoDbClient dynamo;
    private DynamoDbStreamsClient streams;
    private ApiGatewayStandIn gateway;
    private DevelopmentIssuer issuer;
    private ProcessRegistry registry;
    private Supervisor supervisor;
    private RemoteFunctions remote;
    private Consumer<String> onFatal;

    private LocalSystem() {}

    public static LocalSystem start(LocalSettings settings) {
        return start(settings, reason -> log.error("{}", reason));
    }

    /**
     * @param onFatal told when a part the runner supervises is gone for good (its DynamoDB-compatible server keeps
     *                dying): the runner's main stops the process, so it never goes on answering 500s
     */
    public static LocalSystem start(LocalSettings settings, Consumer<String> onFatal) {
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
        if (settings.only() != null) {
            startOnly(settings);
            return;
        }
        // first what a runner that is gone left running (its store would hold the port), then the ports
        registry = new ProcessRegistry(runDir(settings));
        registry.cleanUp().ifPresent(platform -> {
            throw new PortCheck.PortInUse("another orderflow runner (pid " + platform.pid() + ", API port "
                    + platform.port() + ") is running on " + registry.dir().getParent()
                    + ": stop it, or give this one another --data-dir");
        });
        PortCheck.requireFree(settings);
        // the issuer's name holds the API port: known before the gateway binds it
        int httpPort = settings.httpPort() == 0 ? dev.orderflow.local.infra.FreePorts.next() : settings.httpPort();
        registry.register(ProcessRegistry.self(ProcessRegistry.PLATFORM, ProcessRegistry.PLATFORM, 0, 0, httpPort));
        started.push(() -> registry.remove(
                ProcessRegistry.PLATFORM, ProcessHandle.current().pid()));
        // the services' processes start beside Kafka and DynamoDB: they warm their functions up meanwhile, and their
        // consumers wait for the topics
        kafkaBootstrap = settings.kafkaBootstrap() != null
                ? settings.kafkaBootstrap()
                : "127.0.0.1:"
                        + (settings.kafkaPort() == 0
                                ? dev.orderflow.local.infra.FreePorts.next()
                                : settings.kafkaPort());
        dynamoDbEndpoint = URI.create(
                settings.dynamoDbEndpoint() != null
                        ? settings.dynamoDbEndpoint()
                        : "http://127.0.0.1:"
                                + (settings.dynamoDbPort() == 0
                                        ? dev.orderflow.local.infra.FreePorts.next()
                                        : settings.dynamoDbPort()));
        TemplateFunctions template = TemplateFunctions.read(template());
        requireKnownServices(settings, template);
        // the broker's log is kept in the data folder unless in memory; identities (as the signing key) are kept in the
        // data folder whenever there is one
        Path scratch = settings.inMemory() || settings.dataDir() == null ? temporaryDirectory("orderflow-data") : null;
        if (scratch != null) {
            // removed last, also when a later part fails to start
            started.push(() -> deleteRecursively(scratch));
        }
        Path kafkaLog = (settings.inMemory() ? scratch : settings.dataDir()).resolve("kafka");
        // the identities exist before the services that use them start
        kafkaSecurity = PlatformKafka.prepare(
                settings, template.services(), settings.dataDir() != null ? settings.dataDir() : scratch);
        supervisor = new Supervisor(
                registry,
                settings.forService(kafkaBootstrap, kafkaSecurity.clients(), dynamoDbEndpoint.toString()),
                LocalRunner.class);
        for (String service : template.services()) {
            for (int replica = 1; replica <= settings.replicasOf(service); replica++) {
                supervisor.start(service, replica);
            }
        }
        try {
            startInfrastructure(settings, kafkaLog);
        } catch (RuntimeException | IOException e) {
            supervisor.close();
            throw e;
        }
        // stopped before Kafka and the store, though started before them: the services leave while the broker is there
        started.push(supervisor);
        // the issuer's signing key (a new one each start without a data folder) is made while the services come up
        HttpRoutes routes = HttpRoutes.fromTemplates(template());
        var auth = PlatformAuth.of(settings.auth(), routes, httpPort, settings.dataDir());
        supervisor.awaitUp(START_TIMEOUT);

        // what the Lambda service and EventBridge do on AWS: poll the streams and run the schedules, invoking the
        // functions in their services' processes through the Invoke API
        remote = new RemoteFunctions(
                template.serviceOf(),
                ServiceEndpoints.resolving(
                        settings.serviceUrls(), ENDPOINTS_REFRESH, registry.endpoints(ENDPOINTS_REFRESH)));
        started.push(remote::logBatches);
        var checkpoints = new StreamCheckpoints(
                settings.inMemory() ? null : settings.dataDir().resolve("stream-checkpoints.properties"));
        for (TemplateFunctions.StreamSource source : template.streamSources()) {
            // the outbox's events are on every order's way to its final status: polled often, and at once when the
            // gateway has passed a write on; stock alerts are not: polled at Lambda's rate, gathered for their batching
            // window
            boolean criticalPath = source.tableVariable().equals("ORDER_OUTBOX_TABLE");
            var trigger = DynamoDbStreamTrigger.start(
                    dynamo,
                    streams,
                    source,
                    remote,
                    checkpoints,
                    criticalPath ? DynamoDbStreamTrigger.CRITICAL_PATH_POLL : DynamoDbStreamTrigger.LAMBDA_POLL);
            if (criticalPath) {
                wakeable.add(trigger);
            }
            started.push(trigger);
        }
        var schedules = new Schedules();
        started.push(schedules);
        for (TemplateFunctions.ScheduleSource schedule : template.schedules()) {
            // the template's rate, but the re-drive and the payment hold follow the runner's shorter local settings
            Duration rate =
                    switch (schedule.function()) {
                        case "redrivePendingOrders" -> Schedules.redriveRate(settings.redriveAfter());
                        case "expireUnpaidOrders" ->
                            settings.paymentHold().isZero() ? null : Schedules.expiryRate(settings.paymentHold());
                        default -> schedule.rate();
                    };
            if (rate != null) {
                schedules.every(rate, schedule.function(), remote);
            }
        }
        issuer = auth.issuer();
        GatewayAuthorization authorization = auth.authorization();
        gateway = ApiGatewayStandIn.start(
                settings.httpHost(),
                httpPort,
                routes,
                remote,
                authorization,
                issuer,
                new ConsoleSite(auth.consoleConfig()),
                auth.consoleSignIn(httpPort),
                this::wakeTriggers);
        started.push(gateway);
        log.info(
                "orderflow is up: API http://{}:{} ({} routes), Kafka {}{}, DynamoDB {}",
                settings.httpHost(),
                gateway.port(),
                routes.all().size(),
                kafkaBootstrap,
                kafkaAccess(PlatformKafka.ADMIN).tls() ? " (TLS)" : " (plaintext)",
                dynamoDbEndpoint);
        routes.all()
                .forEach(route -> log.info(
                        "  {} -> {}{}",
                        route.routeKey(),
                        route.function(),
                        !route.authorized()
                                ? "  (no token needed)"
                                : route.scopes().isEmpty()
                                        ? ""
                                        : "  (scope " + String.join(" or ", route.scopes()) + ")"));
        log.info("Processes: {} (local-runner status lists them)", processesLine(template, settings));
        if (kafka != null && kafkaSecurity.tls() == null) {
            // said again last, where the eye lands when the runner is up
            PlatformKafka.offBanner();
        }
        if (!authorization.verifies()) {
            // said again last, where the eye lands when the runner is up
            PlatformAuth.offBanner();
        } else if (issuer != null) {
            log.info(
                    "Tokens: the runner is its issuer ({}); get one with: java -jar local/runner/target/local-runner.jar token --user USER",
                    issuer.issuer());
        }
    }

    /**
     * {@code --only SERVICE}: that service's processes alone, beside a platform already running on the same data folder
     * (whose gateway and triggers find them in the run folder), or beside an external Kafka and DynamoDB.
     */
    private void startOnly(LocalSettings settings) throws IOException {
        registry = new ProcessRegistry(runDir(settings));
        registry.cleanUp();
        TemplateFunctions template = TemplateFunctions.read(template());
        String service = settings.only();
        requireKnownServices(settings, template);
        kafkaBootstrap = settings.kafkaBootstrapServers();
        kafkaSecurity = PlatformKafka.besidePlatform(settings);
        dynamoDbEndpoint = settings.dynamoDbUri();
        createTablesAndTopics();
        supervisor = new Supervisor(
                registry,
                settings.forService(kafkaBootstrap, kafkaSecurity.clients(), dynamoDbEndpoint.toString()),
                LocalRunner.class);
        started.push(supervisor);
        Set<Integer> taken = new HashSet<>(registry.live(service).stream()
                .map(ProcessRegistry.Entry::replica)
                .toList());
        int count = Math.max(1, settings.replicasOf(service));
        for (int replica = 1; count > 0; replica++) {
            if (!taken.contains(replica)) {
                supervisor.start(service, replica);
                count--;
            }
        }
        supervisor.awaitUp(START_TIMEOUT);
        boolean platform = registry.find(ProcessRegistry.PLATFORM)
                .filter(ProcessRegistry.Entry::alive)
                .isPresent();
        log.info(
                "orderflow is up: {} only, {} (Kafka {}, DynamoDB {}){}",
                service,
                processesLine(template, settings),
                kafkaBootstrap,
                dynamoDbEndpoint,
                platform
                        ? "; the platform's gateway and triggers invoke them"
                        : "; no platform runs on " + registry.dir().getParent() + " (start one with --replicas "
                                + service + "=0 for its gateway and triggers)");
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    /**
     * Kafka and DynamoDB (embedded unless external ones are given, on the ports chosen), the tables and topics, and
     * the embedded broker's ACLs.
     */
    private void startInfrastructure(LocalSettings settings, Path kafkaLog) throws IOException {
        if (settings.kafkaBootstrap() == null) {
            kafka = EmbeddedKafka.start(kafkaLog, port(kafkaBootstrap), kafkaSecurity.tls());
            started.push(kafka);
        }
        if (settings.dynamoDbEndpoint() == null) {
            LocalDynamoDb server = LocalDynamoDb.start(
                    dynamoDbEndpoint.getPort(),
                    settings.inMemory()
                            ? null
                            : settings.dataDir().resolve("dynamodb").resolve("orderflow.sqlite"));
            started.push(server);
            server.onStarted(pid -> ProcessHandle.of(pid)
                    .ifPresent(process -> registry.register(ProcessRegistry.of(
                            process, ProcessRegistry.DYNAMODB, ProcessRegistry.DYNAMODB, 0, server.port()))));
            server.onGiveUp(() -> onFatal.accept("the DynamoDB-compatible server on " + server.endpoint()
                    + " died and could not be restarted with its data; stopping"));
        }
        createTablesAndTopics();
        if (kafka != null && kafkaSecurity.tls() != null) {
            KafkaAcls.apply(kafka.adminAccess(), PlatformKafka.grants(template()));
            kafkaSecurity.logClients();
        }
    }

    private void createTablesAndTopics() {
        dynamo = LocalDynamoDb.client(dynamoDbEndpoint);
        started.push(dynamo);
        streams = LocalDynamoDb.streamsClient(dynamoDbEndpoint);
        started.push(streams);
        OrderTables.createMissing(dynamo, FunctionEnvironment.ORDER_TABLES);
        InventoryTables.createMissing(dynamo, FunctionEnvironment.INVENTORY_TABLES);
        KafkaTopics.createMissing(
                kafkaAccess(PlatformKafka.ADMIN), FunctionEnvironment.TOPICS, FunctionEnvironment.PARTITIONS);
    }

    private static void requireKnownServices(LocalSettings settings, TemplateFunctions template) {
        Set<String> named = new TreeSet<>(settings.replicas().keySet());
        named.addAll(settings.serviceUrls().keySet());
        if (settings.only() != null) {
            named.add(settings.only());
        }
        named.removeAll(template.services());
        if (!named.isEmpty()) {
            throw new IllegalArgumentException("no service " + String.join(", ", named)
                    + " in the template; its services are " + String.join(", ", template.services()));
        }
    }

    private String processesLine(TemplateFunctions template, LocalSettings settings) {
        List<String> parts = new ArrayList<>();
        for (String service : template.services()) {
            if (settings.serviceUrls().containsKey(service)) {
                parts.add(service + " at " + settings.serviceUrls().get(service));
            } else if (settings.only() == null || settings.only().equals(service)) {
                var pids = registry.live(service).stream()
                        .filter(e -> e.supervisor() == ProcessHandle.current().pid())
                        .map(e -> e.name() + " (pid " + e.pid() + ")")
                        .toList();
                parts.add(pids.isEmpty() ? service + ": none" : String.join(", ", pids));
            }
        }
        return String.join(", ", parts);
    }

    private void wakeTriggers() {
        wakeable.forEach(DynamoDbStreamTrigger::wake);
    }

    /** The run folder: {@code <data>/run}; for a test's system without a data folder, a folder of its own. */
    private Path runDir(LocalSettings settings) throws IOException {
        if (settings.dataDir() != null) {
            return settings.dataDir().toAbsolutePath().resolve("run");
        }
        Path dir = temporaryDirectory("orderflow-run");
        started.push(() -> deleteRecursively(dir));
        return dir;
    }

    /** The runner's own issuer, which signs tokens for tests and the {@code token} command; null with --jwt-issuer. */
    public DevelopmentIssuer issuer() {
        return issuer;
    }

    public int httpPort() {
        return gateway.port();
    }

    /** How many times the function was invoked in its service's live processes (since each started). */
    long invocations(String function) {
        String service = TemplateFunctions.read(template()).serviceOf().get(function);
        long total = 0;
        for (ProcessRegistry.Entry replica : registry.live(service)) {
            total += ProcessStatus.of(replica)
                    .path("functions")
                    .path(function)
                    .path("invocations")
                    .asLong(0);
        }
        return total;
    }

    /** The processes of a service's replicas that this system started and runs now. */
    public List<ProcessHandle> processes(String service) {
        return supervisor.processes(service);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    /** A Kafka client of this system as {@code identity} ({@code order}, {@code inventory}, {@code operator}, {@code admin}). */
    public KafkaAccess kafkaAccess(String identity) {
        return kafkaSecurity.access(kafkaBootstrap, identity);
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The embedded broker, for tests that take Kafka away; null when an external Kafka is used. */
    public EmbeddedKafka embeddedKafka() {
        return kafka;
    }

    @Override
    public void close() {
        started.closeAll(log);
    }

    /** The system's SAM templates as the runner was built with them: infra/template.yaml and the stacks it nests. */
    public static SamTemplates template() {
        return SamTemplates.fromClasspath("infra/template.yaml");
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
