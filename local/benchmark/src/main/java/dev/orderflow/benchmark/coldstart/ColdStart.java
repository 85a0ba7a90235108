package dev.orderflow.benchmark.coldstart;

import dev.orderflow.inventory.adapter.dynamodb.InventoryTableNames;
import dev.orderflow.inventory.adapter.dynamodb.InventoryTables;
import dev.orderflow.local.infra.LocalDynamoDb;
import dev.orderflow.local.lambda.LambdaProcess;
import dev.orderflow.local.lambda.LocalStores;
import dev.orderflow.local.lambda.RuntimeApiStandIn;
import dev.orderflow.local.lambda.SamFunctions;
import dev.orderflow.local.lambda.TaskRoot;
import dev.orderflow.order.adapter.dynamodb.OrderTableNames;
import dev.orderflow.order.adapter.dynamodb.OrderTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cold start, measured: wall time from spawning a Lambda JVM (the AWS Lambda Runtime Interface Client, as
 * Lambda's Java runtime starts it) to the first request's response posted back to the Runtime API, for
 * {@code POST /oms/orders} and {@code POST /inventory/products} from each service's deployment jar, beside a
 * plain {@code RequestHandler} doing the same work without Spring (the floor). Each variant runs in turn, so
 * that drift on the machine touches all of them alike; the stores are a DynamoDB-compatible server in memory.
 * A last variant starts {@code createOrder} for a SnapStart snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}):
 * priming runs, and its first response is timed from the snapshot point, where a restored environment resumes
 * (the restore itself, done by Lambda, is not measured here).
 *
 * <p>Usage: {@code ColdStart REPOSITORY OUTPUT_DIR [RUNS]}; see {@code local/benchmark/cold-start}.
 */
public final class ColdStart {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** Extra options for the function JVMs, for experiments (e.g. -Xlog:class+load); none by default. */
    private static final List<String> JVM_OPTIONS = Arrays.stream(
                    System.getProperty("orderflow.coldstart.jvm-options", "").split(" "))
            .filter(option -> !option.isBlank())
            .toList();

    private static final String SPRING_HANDLER = "dev.orderflow.lambda.ApiGatewayFunctionInvoker::handleRequest";

    /** One thing to start: a deployment (task root), a handler, the function's environment, and its first request. */
    record Variant(
            String name,
            String floorOf,
            Path taskRoot,
            String handler,
            Map<String, String> environment,
            Function<Integer, byte[]> request,
            boolean snapStart) {}

    /** One cold start: to the end of init, to the first response, the second (warm) request, and peak memory. */
    record Run(long initMillis, long firstResponseMillis, long cpuMillis, long warmResponseMicros, long peakRssKib) {}

    private ColdStart() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ColdStart REPOSITORY OUTPUT_DIR [RUNS]");
            System.exit(2);
        }
        Path repository = Path.of(args[0]).toAbsolutePath().normalize();
        Path output = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Files.createDirectories(output);

        try (LocalDynamoDb dynamo = LocalDynamoDb.start(0, null)) {
            try (var client = dynamo.client()) {
                Map<String, String> names = LocalStores.NAMES;
                OrderTables.createMissing(
                        client,
                        new OrderTableNames(
                                names.get("ORDERS_TABLE"),
                                names.get("ORDER_OUTBOX_TABLE"),
                                names.get("ORDER_IDEMPOTENCY_TABLE")));
                InventoryTables.createMissing(
                        client, new InventoryTableNames(names.get("PRODUCTS_TABLE"), names.get("RESERVATIONS_TABLE")));
            }
            // no broker: the HTTP functions must not need Kafka to start or to answer
            Map<String, String> local =
                    LocalStores.environment("127.0.0.1:9", dynamo.endpoint().toString());
            List<Variant> variants = variants(repository, output.resolve("task"), local);
            Map<String, List<Run>> results = new LinkedHashMap<>();
            variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
            System.out.printf(
                    Locale.ROOT,
                    "cold start, %d runs per variant, JDK %s, %d cores%n",
                    runs,
                    System.getProperty("orderflow.lambda.java-home", System.getProperty("java.home")),
                    Runtime.getRuntime().availableProcessors());
            // each round runs the variants in a new order (seeded, so a rerun repeats it): no variant always goes first
            var random = new Random(42);
            for (int i = 0; i < runs; i++) {
                List<Variant> round = new ArrayList<>(variants);
                Collections.shuffle(round, random);
                for (Variant variant : round) {
                    Run run = measure(variant, i, output.resolve("logs"));
                    results.get(variant.name()).add(run);
                    System.out.printf(
                            Locale.ROOT,
                            "  run %d %-28s init %5d ms  first response %5d ms (CPU %5d ms)  warm %6.1f ms  peak RSS %4d MiB%n",
                            i + 1,
                            variant.name(),
                            run.initMillis(),
                            run.firstResponseMillis(),
                            run.cpuMillis(),
                            run.warmResponseMicros() / 1000.0,
                            run.peakRssKib() / 1024);
                }
            }
            report(variants, results, output);
        }
    }

    static List<Variant> variants(Path repository, Path taskRoots, Map<String, String> local) {
        SamFunctions template = SamFunctions.read(repository.resolve("infra/template.yaml"));
        Path orderJar = TaskRoot.deploymentJar(repository, "order");
        Path inventoryJar = TaskRoot.deploymentJar(repository, "inventory");
        Path orderRoot = TaskRoot.unpack(orderJar, taskRoots.resolve("order"));
        Path inventoryRoot = TaskRoot.unpack(inventoryJar, taskRoots.resolve("inventory"));
        // the floors run from the same packages, with their own handler classes added
        Path floorClasses = Path.of(PlainHandlers.classesDirectory());
        Path orderFloorRoot = TaskRoot.unpack(orderJar, taskRoots.resolve("order-floor"));
        TaskRoot.addClasses(orderFloorRoot, floorClasses, PlainHandlers.PACKAGE_PATH);
        Path inventoryFloorRoot = TaskRoot.unpack(inventoryJar, taskRoots.resolve("inventory-floor"));
        TaskRoot.addClasses(inventoryFloorRoot, floorClasses, PlainHandlers.PACKAGE_PATH);

        Map<String, String> createOrder = environment(template, "createOrder", local);
        Map<String, String> addProduct = environment(template, "addProduct", local);
        byte[] createOrderEvent = read(repository.resolve("events/order/api-create-order.json"));
        byte[] addProductEvent = read(repository.resolve("events/inventory/api-add-product.json"));
        Function<Integer, byte[]> orders = n -> createOrderRequest(createOrderEvent);
        Function<Integer, byte[]> products = n -> addProductRequest(addProductEvent);
        Map<String, String> createOrderSnapStart = new LinkedHashMap<>(createOrder);
        createOrderSnapStart.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        return List.of(
                new Variant(
                        "order: createOrder (SCF)",
                        "order: plain handler",
                        orderRoot,
                        SPRING_HANDLER,
                        createOrder,
                        orders,
                        false),
                new Variant(
                        "order: plain handler",
                        null,
                        orderFloorRoot,
                        PlainHandlers.CREATE_ORDER,
                        createOrder,
                        orders,
                        false),
                new Variant(
                        "inventory: addProduct (SCF)",
                        "inventory: plain handler",
                        inventoryRoot,
                        SPRING_HANDLER,
                        addProduct,
                        products,
                        false),
                new Variant(
                        "inventory: plain handler",
                        null,
                        inventoryFloorRoot,
                        PlainHandlers.ADD_PRODUCT,
                        addProduct,
                        products,
                        false),
                // started for a snapshot: priming runs, then the clock starts where a restore would resume
                new Variant(
                        "order: createOrder primed",
                        null,
                        orderRoot,
                        SPRING_HANDLER,
                        createOrderSnapStart,
                        orders,
                        true));
    }

    static Run measure(Variant variant, int index, Path logs) {
        try (var runtimeApi = RuntimeApiStandIn.start(variant.name().replaceAll("\\W+", "-"))) {
            Files.createDirectories(logs);
            var spec = new LambdaProcess.Spec(
                    variant.name(),
                    variant.taskRoot(),
                    variant.handler(),
                    variant.environment(),
                    JVM_OPTIONS,
                    logs.resolve(variant.name().replaceAll("\\W+", "-") + "-" + (index + 1) + ".log"));
            try (var process = LambdaProcess.start(spec, runtimeApi)) {
                long start = process.spawnedAtNanos();
                if (variant.snapStart()) {
                    runtimeApi.snapshotTaken().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    start = System.nanoTime();
                }
                RuntimeApiStandIn.Result first =
                        runtimeApi.invoke(variant.request().apply(index), TIMEOUT);
                long answered = System.nanoTime();
                long cpu = process.cpuMillis().orElse(0);
                expectCreated(variant, first, process);
                long warmStarted = System.nanoTime();
                RuntimeApiStandIn.Result second =
                        runtimeApi.invoke(variant.request().apply(index), TIMEOUT);
                long warm = (System.nanoTime() - warmStarted) / 1_000;
                expectCreated(variant, second, process);
                long rss = process.peakRssKib().orElse(0);
                return new Run(
                        (runtimeApi.firstPollNanos() - process.spawnedAtNanos()) / 1_000_000,
                        (answered - start) / 1_000_000,
                        cpu,
                        warm,
                        rss);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(variant.name() + " took no snapshot", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expectCreated(Variant variant, RuntimeApiStandIn.Result result, LambdaProcess process) {
        int status = result.success()
                ? JSON.readTree(result.payload()).path("statusCode").intValue()
                : -1;
        if (status != 201) {
            throw new IllegalStateException(
                    variant.name() + " did not answer 201 but " + result.body() + "\n" + process.log());
        }
    }

    private static void report(List<Variant> variants, Map<String, List<Run>> results, Path output) throws IOException {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        summary.put("java", System.getProperty("orderflow.lambda.java-home", System.getProperty("java.home")));
        System.out.printf(
                Locale.ROOT,
                "%n%-28s %8s %16s %8s %8s %8s %9s %10s%n",
                "median of runs",
                "init ms",
                "1st response ms",
                "CPU ms",
                "warm ms",
                "RSS MiB",
                "x floor",
                "CPU x floor");
        for (Variant variant : variants) {
            List<Run> runs = results.get(variant.name());
            long first = median(runs, Run::firstResponseMillis);
            ObjectNode node = summary.putObject(variant.name());
            node.put("runs", runs.size());
            node.put("initMillisMedian", median(runs, Run::initMillis));
            node.put("firstResponseMillisMedian", first);
            node.put(
                    "firstResponseMillisMin",
                    runs.stream().mapToLong(Run::firstResponseMillis).min().orElse(0));
            node.put(
                    "firstResponseMillisMax",
                    runs.stream().mapToLong(Run::firstResponseMillis).max().orElse(0));
            node.put("warmResponseMillisMedian", median(runs, Run::warmResponseMicros) / 1000.0);
            node.put("peakRssMibMedian", median(runs, Run::peakRssKib) / 1024);
            long cpu = median(runs, Run::cpuMillis);
            node.put("cpuMillisToFirstResponseMedian", cpu);
            String ratio = "";
            String cpuRatio = "";
            if (variant.floorOf() != null) {
                List<Run> floor = results.get(variant.floorOf());
                double x = (double) first / median(floor, Run::firstResponseMillis);
                double cpuX = (double) cpu / median(floor, Run::cpuMillis);
                node.put("firstResponseTimesFloor", Math.round(x * 100) / 100.0);
                node.put("cpuTimesFloor", Math.round(cpuX * 100) / 100.0);
                ratio = String.format(Locale.ROOT, "%.2f", x);
                cpuRatio = String.format(Locale.ROOT, "%.2f", cpuX);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %8d %16d %8d %8.1f %8d %9s %10s%n",
                    variant.name(),
                    median(runs, Run::initMillis),
                    first,
                    cpu,
                    median(runs, Run::warmResponseMicros) / 1000.0,
                    median(runs, Run::peakRssKib) / 1024,
                    ratio,
                    cpuRatio);
        }
        Files.writeString(
                output.resolve("cold-start.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        System.out.println("\nsummary: " + output.resolve("cold-start.json"));
    }

    private static long median(List<Run> runs, ToLongFunction<Run> value) {
        long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static Map<String, String> environment(
            SamFunctions template, String definition, Map<String, String> local) {
        return template.serving(definition)
                .orElseThrow(() -> new IllegalStateException("the template deploys no " + definition))
                .environmentWith(local);
    }

    /**
     * The sample order, for a customer of its own: one customer may hold only a few unpaid orders, and every run
     * places two.
     */
    private static byte[] createOrderRequest(byte[] template) {
        ObjectNode event = (ObjectNode) JSON.readTree(template);
        ((ObjectNode) event.path("headers")).put("idempotency-key", "cold-" + UUID.randomUUID());
        String customer = "cold-" + UUID.randomUUID();
        ((ObjectNode) event.path("requestContext")
                        .path("authorizer")
                        .path("jwt")
                        .path("claims"))
                .put("sub", customer);
        ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asString());
        body.put("userId", customer);
        event.put("body", JSON.writeValueAsString(body));
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] addProductRequest(byte[] template) {
        ObjectNode event = (ObjectNode) JSON.readTree(template);
        event.put("body", "{\"productId\":\"sku-" + UUID.randomUUID() + "\",\"name\":\"Mug\",\"quantity\":10}");
        return JSON.writeValueAsBytes(event);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
