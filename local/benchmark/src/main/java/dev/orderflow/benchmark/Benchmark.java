package dev.orderflow.benchmark;

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
import java.util.concurrent.CompletableFuture;

/**
 * {@code local/benchmark/run}: starts the local system, seeds products, measures the stores' ceiling,
 * finds the knee with a step load, runs the scenarios at half the knee (and the many-products scenario at
 * twice it, for the sustained maximum), and writes {@code target/benchmark/summary.json} and
 * {@code report.html}. About three minutes on 2 cores; with a rate (and seconds) as third argument, one load only.
 */
public final class Benchmark {

    static final int PRODUCTS = 1000;
    static final double KNEE_P99_MS = 250;
    /**
     * Before anything is measured: long enough for the JIT to compile the hot paths (on 2 cores the compiler
     * threads otherwise take CPU from the first steps), at a rate the system keeps up with.
     */
    static final Scenario WARM_UP = new Scenario("warm-up", 20, 20, PRODUCTS, 1);

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Path runnerJar = Path.of(args.length > 0 ? args[0] : "local/runner/target/local-runner.jar");
        Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark");
        if (args.length > 2 && args[2].equals("idle")) {
            Idle.run(runnerJar, args.length > 3 ? Integer.parseInt(args[3]) : 60);
            return;
        }
        if (args.length > 2) {
            one(runnerJar, Double.parseDouble(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 30);
            return;
        }
        Map<String, Object> machine = machine();
        System.out.println("orderflow benchmark on " + machine);
        try (SystemUnderTest system = SystemUnderTest.start(runnerJar)) {
            System.out.println("system up: API " + system.api() + ", Kafka "
                    + system.kafka("operator").bootstrapServers()
                    + (system.kafka("operator").tls() ? " (TLS)" : " (plaintext)") + ", DynamoDB " + system.dynamoDb());
            seed(system);
            Ceiling.Result ceiling = Ceiling.measure(system, 3, Duration.ofSeconds(5), 8);
            try (var watcher = new FinalStatusWatcher(system.kafka("operator"))) {
                var load = new OpenLoad(system, watcher);
                load.run(WARM_UP);

                List<OpenLoad.Result> steps = new ArrayList<>();
                double knee = 0;
                for (double rate : new double[] {10, 20, 40, 60, 80, 100, 130, 160}) {
                    OpenLoad.Result step = load.run(new Scenario("step " + (int) rate + "/s", rate, 6, PRODUCTS, 1));
                    steps.add(step);
                    double p99 = step.endToEnd().getValueAtPercentile(99) / 1e6;
                    boolean kept = step.errors() == 0 && step.finals() == step.sent();
                    if (p99 < KNEE_P99_MS && kept) {
                        knee = rate;
                    }
                    if (p99 > 4 * KNEE_P99_MS || !kept) {
                        break;
                    }
                }
                double half = Math.max(5, knee / 2);
                System.out.printf(
                        "knee: %.0f orders/s (highest step with e2e p99 < %.0f ms); scenarios at %.0f/s%n",
                        knee, KNEE_P99_MS, half);
                List<OpenLoad.Result> scenarios = new ArrayList<>();
                scenarios.add(load.run(new Scenario("many products, 1 line", half, 15, PRODUCTS, 1)));
                scenarios.add(load.run(new Scenario("one hot product", half, 15, 1, 1)));
                scenarios.add(load.run(new Scenario("10 lines", Math.max(2, half / 4), 12, PRODUCTS, 10)));
                scenarios.add(load.run(new Scenario("50 lines", Math.max(1, half / 15), 12, PRODUCTS, 50)));
                scenarios.add(
                        load.run(new Scenario("many products, saturation", Math.max(10, knee * 2), 12, PRODUCTS, 1)));

                Map<String, Object> summary = Report.summary(machine, ceiling, steps, knee, scenarios);
                List<OpenLoad.Result> all = new ArrayList<>(steps);
                all.addAll(scenarios);
                Report.write(out, summary, all);
                System.out.println("report: " + out.resolve("report.html") + " and " + out.resolve("summary.json"));
                print(scenarios, ceiling);
            }
        }
    }

    /**
     * One many-products load at {@code rate} for {@code seconds}, no ceiling, no report: for profiling the
     * runner (its JVM options from {@code orderflow.benchmark.runner-jvm-options}, e.g. to start JFR).
     */
    private static void one(Path runnerJar, double rate, int seconds) throws Exception {
        try (SystemUnderTest system = SystemUnderTest.start(runnerJar)) {
            System.out.println("system up: API " + system.api() + " (pid " + system.pid() + ")");
            seed(system);
            try (var watcher = new FinalStatusWatcher(system.kafka("operator"))) {
                var load = new OpenLoad(system, watcher);
                load.run(WARM_UP);
                print(List.of(load.run(new Scenario("many products, 1 line", rate, seconds, PRODUCTS, 1))), null);
            }
        }
    }

    /** Products bench-0 .. bench-999 with stock enough for any run. */
    private static void seed(SystemUnderTest system) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String authorization = system.authorization();
        List<CompletableFuture<HttpResponse<String>>> created = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            created.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(system.api() + "/inventory/products"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":\"bench-" + i
                                    + "\",\"quantity\":1000000,\"lowStockThreshold\":10}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
            if (created.size() % 50 == 0) {
                created.forEach(CompletableFuture::join);
            }
        }
        created.forEach(CompletableFuture::join);
        System.out.println("seeded " + PRODUCTS + " products");
    }

    private static void print(List<OpenLoad.Result> scenarios, Ceiling.Result ceiling) {
        System.out.println();
        System.out.printf(
                "%-28s %8s %10s %9s %9s %9s %9s %9s %6s %6s %6s %6s %7s%n",
                "scenario",
                "rate",
                "final/s",
                "ofCeil",
                "api p50",
                "api p99",
                "e2e p50",
                "e2e p99",
                "cpu",
                "store",
                "svcs",
                "load",
                "ms/ord");
        for (OpenLoad.Result r : scenarios) {
            // a single load measures no ceiling: its share of it is "-", not NaN
            String ofCeiling = ceiling == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.0f%%", 100 * r.throughput() / ceiling.dynamoOrdersPerSecond());
            System.out.printf(
                    "%-28s %8.0f %10.1f %9s %8.1fms %8.1fms %8.1fms %8.1fms %6.2f %6.2f %6.2f %6.2f %7.1f%n",
                    r.scenario().name(),
                    r.scenario().ratePerSecond(),
                    r.throughput(),
                    ofCeiling,
                    r.api().getValueAtPercentile(50) / 1e6,
                    r.api().getValueAtPercentile(99) / 1e6,
                    r.endToEnd().getValueAtPercentile(50) / 1e6,
                    r.endToEnd().getValueAtPercentile(99) / 1e6,
                    r.cpuCores(),
                    r.storeCpuCores(),
                    r.servicesCpuCores(),
                    r.loadGeneratorCpuCores(),
                    r.cpuMillisPerOrder());
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .ifPresent(l ->
                            machine.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
            Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .findFirst()
                    .ifPresent(l -> machine.put(
                            "memory", l.substring(l.indexOf(':') + 1).trim()));
        } catch (IOException e) {
            // not Linux: the JVM's view above is what we have
        }
        return machine;
    }
}
