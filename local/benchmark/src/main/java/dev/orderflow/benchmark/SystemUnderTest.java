package dev.orderflow.benchmark;

import dev.orderflow.local.infra.FreePorts;
import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.infra.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The local runner in a process of its own, in memory, on free loopback ports, with its service processes and its
 * DynamoDB-compatible server as its children, so their CPU and memory are measured apart from the load: both are read
 * from /proc for the runner and all its children.
 */
final class SystemUnderTest implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    final int httpPort = FreePorts.next();
    final int kafkaPort = FreePorts.next();
    final int dynamoDbPort = FreePorts.next();
    /** Where the runner keeps its development signing key (the data itself stays in memory). */
    private final Path dataDir = Files.createTempDirectory("orderflow-benchmark");

    private final Path runnerJar;
    private final Process process;
    /** Reads the runner's output: waits for "up", passes on errors and, at the end, the triggers' batch sizes. */
    private Thread output;

    private String authorization;

    private SystemUnderTest(Path runnerJar) throws IOException {
        this.runnerJar = runnerJar;
        List<String> command = new ArrayList<>(List.of("java"));
        // the options local/run starts the runner with (local/runner/jvm.options, beside the jar's target/)
        Path options = runnerJar.toAbsolutePath().getParent().resolveSibling("jvm.options");
        if (Files.exists(options)) {
            command.add("@" + options);
        } else {
            System.out.println("no " + options + ": the runner starts with the JVM's default options");
        }
        String jvmOptions =
                System.getProperty("orderflow.benchmark.runner-jvm-options", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar",
                runnerJar.toString(),
                "--in-memory",
                "--data-dir=" + dataDir,
                "--http-port=" + httpPort,
                "--kafka-port=" + kafkaPort,
                "--dynamodb-port=" + dynamoDbPort,
                "--concurrency=16"));
        // e.g. --kafka-tls=off, to measure what TLS costs
        String runnerOptions =
                System.getProperty("orderflow.benchmark.runner-options", "").trim();
        if (!runnerOptions.isEmpty()) {
            command.addAll(List.of(runnerOptions.split("\\s+")));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    static SystemUnderTest start(Path runnerJar) throws Exception {
        if (!Files.exists(runnerJar)) {
            throw new IllegalStateException(runnerJar + " is missing: build it first (local/benchmark/run does)");
        }
        var system = new SystemUnderTest(runnerJar);
        var up = new CompletableFuture<Void>();
        system.output = new Thread(
                () -> {
                    try (var out = new BufferedReader(
                            new InputStreamReader(system.process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (line.contains("orderflow is up")) {
                                up.complete(null);
                            }
                            if (line.contains(" ERROR ") || line.contains(" per batch)")) {
                                System.err.println("[system] " + line);
                            }
                        }
                        up.completeExceptionally(new IllegalStateException("the runner exited"));
                    } catch (IOException e) {
                        up.completeExceptionally(e);
                    }
                },
                "system-output");
        system.output.setDaemon(true);
        system.output.start();
        up.get(180, TimeUnit.SECONDS);
        return system;
    }

    long pid() {
        return process.pid();
    }

    String api() {
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * The {@code Authorization} value every request carries: a back-office token (orders and products) from the runner's
     * own {@code token} command, made once, so the gateway verifies a real token on every request, as deployed.
     */
    synchronized String authorization() throws IOException, InterruptedException {
        if (authorization == null) {
            Process token = new ProcessBuilder(
                            "java",
                            "-jar",
                            runnerJar.toString(),
                            "token",
                            "--user",
                            "benchmark",
                            "--ttl",
                            "PT12H",
                            "--scope",
                            "orderflow/orders:admin",
                            "--scope",
                            "orderflow/inventory:write",
                            "--http-port=" + httpPort,
                            "--data-dir=" + dataDir)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String printed = new String(token.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (token.waitFor() != 0 || printed.isEmpty()) {
                throw new IllegalStateException("the runner's token command failed (exit " + token.exitValue() + ")");
            }
            authorization = "Bearer " + printed;
        }
        return authorization;
    }

    /**
     * The system's Kafka as {@code identity} ({@code operator} reads every topic, {@code admin} may do anything): the
     * client settings the runner wrote into the data folder, or plaintext with {@code --kafka-tls=off}.
     */
    KafkaAccess kafka(String identity) {
        Path clients = dataDir.resolve("kafka-clients");
        return KafkaAccess.of("127.0.0.1:" + kafkaPort, Files.isDirectory(clients) ? clients : null, identity);
    }

    String dynamoDb() {
        return "http://127.0.0.1:" + dynamoDbPort;
    }

    /** CPU seconds used so far by the runner and its children. */
    double cpuSeconds() {
        return process.toHandle().descendants().mapToDouble(h -> cpuOf(h.pid())).sum() + cpuOf(process.pid());
    }

    /** CPU seconds used so far by the DynamoDB-compatible server (of the runner's children, the one that is not a service). */
    double storeCpuSeconds() {
        return childrenCpuSeconds(command -> command.contains("dynoxide"));
    }

    /** CPU seconds used so far by the services' processes (the runner's Java children: order-1, inventory-1, ...). */
    double servicesCpuSeconds() {
        return childrenCpuSeconds(command -> command.endsWith("java"));
    }

    private double childrenCpuSeconds(java.util.function.Predicate<String> command) {
        return process.toHandle()
                .descendants()
                .filter(h -> h.info().command().map(command::test).orElse(false))
                .mapToDouble(h -> cpuOf(h.pid()))
                .sum();
    }

    /** CPU seconds used so far by this process: the load generator and the event watcher. */
    static double loadGeneratorCpuSeconds() {
        return cpuOf(ProcessHandle.current().pid());
    }

    /**
     * Resident memory in MiB of the runner and its children: the proportional set size (PSS), which counts a
     * page mapped several times once (ZGC maps its heap three times, so the plain RSS triples it).
     */
    double residentMiB() {
        return (process.toHandle()
                                .descendants()
                                .mapToLong(h -> residentKiB(h.pid()))
                                .sum()
                        + residentKiB(process.pid()))
                / 1024.0;
    }

    private static double cpuOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long residentKiB(long pid) {
        long pss = field(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:");
        return pss > 0 ? pss : field(Path.of("/proc/" + pid + "/status"), "VmRSS:");
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        // SIGTERM through the handle, which leaves the runner's output open (Process.destroy closes it): its last
        // lines,
        // the records per batch of each trigger, are printed before this returns
        process.toHandle().destroy();
        try {
            output.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Processes.stop(process, Duration.ofSeconds(30));
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dataDir + ": " + e.getMessage());
        }
    }
}
