package dev.orderflow.local.runner;

import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.infra.KafkaTopics;
import dev.orderflow.local.runner.gateway.HttpRoutes;
import dev.orderflow.local.runner.lambda.FunctionPool;
import dev.orderflow.local.runner.lambda.InvokeApi;
import dev.orderflow.local.runner.supervision.ProcessRegistry;
import dev.orderflow.local.runner.template.FunctionEnvironment;
import dev.orderflow.local.runner.template.TemplateFunctions;
import dev.orderflow.local.runner.triggers.StreamBindings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process of one service ({@code local-runner service NAME REPLICA [options]}): the service's functions and
 * nothing of the other's, in their Lambda environments ({@link FunctionPool}), taking invocations from the platform
 * through Lambda's Invoke API ({@link InvokeApi}), and consuming the topics that trigger them as a member of their
 * consumer groups ({@link StreamBindings}), so replicas share the partitions. It registers in the run folder once it
 * takes invocations, and leaves it once it has stopped. Started by a {@link Supervisor}, it stops when the supervisor
 * is gone; in a container it runs on its own ({@code --invoke-host=0.0.0.0 --invoke-port=9000}).
 */
final class ServiceHost implements AutoCloseable {

    static final String USAGE = """
            usage: local-runner service SERVICE REPLICA [--invoke-host=ADDR] [--invoke-port=N] [--run-dir=DIR] [--supervisor=PID] [options]
              runs one process of a service (order or inventory); the runner's options say where Kafka and DynamoDB are
            """;

    private static final Logger log = LoggerFactory.getLogger(ServiceHost.class);
    /** How long a stop may take before the process ends regardless. */
    static final Duration STOP_LIMIT = Duration.ofSeconds(15);
    /** How long a stop may take once the supervisor is gone (and, most likely, the platform's Kafka with it). */
    private static final Duration ORPHAN_STOP_LIMIT = Duration.ofSeconds(3);
    /** How long the topics may take to appear (the platform starts Kafka beside its services). */
    private static final Duration TOPICS_TIMEOUT = Duration.ofMinutes(3);

    private final StartedParts started = new StartedParts();
    private final String name;
    private ProcessRegistry registry;

    private ServiceHost(String name) {
        this.name = name;
    }

    /** Runs the service process until SIGTERM, or until its supervisor is gone. */
    static void run(List<String> args) throws IOException, InterruptedException {
        if (args.size() < 2) {
            throw new IllegalArgumentException(USAGE);
        }
        String service = args.get(0);
        int replica = parseReplica(args.get(1));
        List<String> rest = new ArrayList<>();
        String invokeHost = "127.0.0.1";
        int invokePort = 0;
        Path runDir = null;
        long supervisor = 0;
        for (String arg : args.subList(2, args.size())) {
            if (arg.startsWith("--invoke-host=")) {
                invokeHost = arg.substring("--invoke-host=".length());
            } else if (arg.startsWith("--invoke-port=")) {
                invokePort = Integer.parseInt(arg.substring("--invoke-port=".length()));
            } else if (arg.startsWith("--run-dir=")) {
                runDir = Path.of(arg.substring("--run-dir=".length()));
            } else if (arg.startsWith("--supervisor=")) {
                supervisor = Long.parseLong(arg.substring("--supervisor=".length()));
            } else {
                rest.add(arg);
            }
        }
        LocalSettings settings = LocalSettings.parse(rest.toArray(String[]::new));
        // Logback is configured once, from the runner's logback.xml, not again by each Spring application the process
        // starts (which would leave the other threads' loggers without appenders meanwhile); and no background thread
        // pre-initialises what a function never uses, competing for the cores while the services start
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        var process = new ServiceHost(service + "-" + replica);
        try {
            process.start(service, replica, settings, invokeHost, invokePort, runDir, supervisor);
        } catch (RuntimeException | IOException e) {
            process.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "service-shutdown"));
        if (supervisor != 0) {
            watchSupervisor(supervisor);
        }
        Thread.currentThread().join();
    }

    private void start(
            String service, int replica, LocalSettings settings, String host, int port, Path runDir, long supervisor)
            throws IOException {
        TemplateFunctions template = TemplateFunctions.read(LocalSystem.template());
        Map<String, String> mainClasses = template.mainClasses(service);
        if (mainClasses.isEmpty()) {
            throw new IllegalArgumentException(
                    "the template deploys no service " + service + "; its services are " + template.services());
        }
        // the service is its own identity on Kafka: its client file, as the platform (or --kafka-clients) gives it
        Path clients = settings.kafkaSecurity().clients();
        KafkaAccess kafka = KafkaAccess.of(settings.kafkaBootstrapServers(), clients, service);
        URI dynamoDb = settings.dynamoDbUri();
        FunctionEnvironment.apply(
                dynamoDb,
                kafka.bootstrapServers(),
                clients == null ? null : clients.resolve(service + ".properties"),
                settings.redriveAfter(),
                settings.paymentHold(),
                HttpRoutes.fromTemplates(LocalSystem.template()).spec());

        var functions = new FunctionPool(mainClasses, settings.concurrency());
        started.push(functions::logBatches);
        String memberId = settings.inMemory() || settings.dataDir() == null
                ? null
                : StreamBindings.memberId(settings.dataDir()) + "-" + service + "-" + replica;
        var bindings = new StreamBindings(memberId);
        started.push(bindings);
        // the consumers start once their topics exist (the platform may still be starting Kafka), beside the warm-up
        List<TemplateFunctions.KafkaSource> sources = template.kafkaSources(service);
        var bound = CompletableFuture.runAsync(
                () -> {
                    KafkaTopics.awaitExisting(
                            kafka,
                            sources.stream()
                                    .map(TemplateFunctions.KafkaSource::topic)
                                    .toList(),
                            TOPICS_TIMEOUT);
                    sources.forEach(source -> bindings.bind(functions, source, kafka, FunctionEnvironment.PARTITIONS));
                },
                runnable -> {
                    Thread thread = new Thread(runnable, "bindings");
                    thread.setDaemon(true);
                    thread.start();
                });
        mainClasses.keySet().forEach(functions::warmUp);
        InvokeApi api = InvokeApi.start(host, port, functions, name);
        started.push(api);
        try {
            bound.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (runDir != null) {
            registry = new ProcessRegistry(runDir);
            registry.register(ProcessRegistry.self(name, service, replica, supervisor, api.port()));
        }
        log.info("{} is up: functions {}, Invoke API http://{}:{}", name, mainClasses.keySet(), host, api.port());
    }

    /**
     * Stops in order: the Invoke API (the gateway then finds the connection refused and goes to another replica), then
     * the consumers (the batch in hand finishes), then out of the run folder. A stop that hangs (Kafka gone, so
     * the consumers cannot leave their group) is cut short after {@link #STOP_LIMIT}: the process ends regardless.
     */
    @Override
    public synchronized void close() {
        haltAfter(STOP_LIMIT);
        started.closeAll(log);
        if (registry != null) {
            registry.remove(name, ProcessHandle.current().pid());
            registry = null;
        }
        log.info("{} stopped", name);
    }

    /** Ends the process after {@code limit}, whatever is still running then. */
    private static void haltAfter(Duration limit) {
        Thread watchdog = new Thread(
                () -> {
                    LockSupport.parkNanos(limit.toNanos());
                    log.warn("Stopping took longer than {} s: ending the process now", limit.toSeconds());
                    Runtime.getRuntime().halt(1);
                },
                "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The supervisor holds this process's standard input: its end means the supervisor is gone, even by SIGKILL. */
    private static void watchSupervisor(long supervisor) {
        Thread watch = new Thread(
                () -> {
                    try {
                        InputStream in = System.in;
                        while (in.read() >= 0) {
                            // nothing is ever sent; read until the end
                        }
                    } catch (IOException e) {
                        // the same: the supervisor is gone
                    }
                    log.info("The supervisor (pid {}) is gone: stopping", supervisor);
                    haltAfter(ORPHAN_STOP_LIMIT);
                    System.exit(0);
                },
                "supervisor-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static int parseReplica(String text) {
        try {
            int replica = Integer.parseInt(text);
            if (replica >= 1) {
                return replica;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("REPLICA must be a number from 1, not " + text + "\n" + USAGE);
    }
}
