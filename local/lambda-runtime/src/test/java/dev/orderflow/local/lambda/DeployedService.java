package dev.orderflow.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.header.Header;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One service's deployment jar, unpacked once as Lambda unpacks it, with one execution environment (a JVM run
 * by the Runtime Interface Client) per function the SAM template deploys from it, started on first use. Each
 * environment gets exactly the template's environment variables, with the values that name AWS resources
 * ({@code !Ref}) replaced by their local counterparts; a variable that still names a template resource fails
 * the test, so a new variable cannot slip through unconfigured.
 */
final class DeployedService implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path REPOSITORY = Path.of(System.getProperty("orderflow.repository", "../..")).toAbsolutePath().normalize();
    private static final Duration FIRST_INVOCATION = Duration.ofSeconds(90);

    private final SamFunctions template = SamFunctions.read(REPOSITORY.resolve("infra/template.yaml"));
    private final Set<String> templateNames = templateNames();
    private final Path taskRoot;
    private final Path logs;
    private final Map<String, String> local;
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();

    private record Environment(RuntimeApiStandIn runtimeApi, LambdaProcess process) {
    }

    /**
     * @param deploymentJar the service's {@code -aws.jar}
     * @param local         local values for the variables that the template fills with {@code !Ref}, and the local
     *                      stores' endpoints
     */
    DeployedService(Path deploymentJar, Path workDirectory, Map<String, String> local) {
        this.taskRoot = TaskRoot.unpack(deploymentJar, workDirectory.resolve("task"));
        // kept after the run (target/lambda-logs), where a failing build's logs can be read
        this.logs = Path.of("target", "lambda-logs", workDirectory.getFileName().toString());
        this.local = Map.copyOf(local);
    }

    static Path deploymentJar(String service) {
        Path jar = Path.of(System.getProperty("orderflow." + service + ".jar", "missing"));
        assertThat(jar).as("the %s service's deployment jar (mvn package builds it)", service).exists();
        return jar;
    }

    /** Invokes the Lambda that serves {@code definition} with {@code event}, as the Lambda service would. */
    RuntimeApiStandIn.Result invoke(String definition, byte[] event) {
        Environment environment = environments.computeIfAbsent(definition, name -> start(name, Map.of(), List.of()));
        return environment.runtimeApi().invoke(event, FIRST_INVOCATION);
    }

    /** Invokes with the payload file {@code events/<file>}, changed by {@code edit}. */
    RuntimeApiStandIn.Result invoke(String definition, String eventFile, UnaryOperator<ObjectNode> edit) {
        return invoke(definition, JSON.writeValueAsBytes(edit.apply(event(eventFile))));
    }

    /** Starts an environment of {@code definition} now, with extra variables and JVM options, for tests of the start itself. */
    Environment start(String definition, Map<String, String> extraEnvironment, List<String> jvmOptions) {
        SamFunctions.Function function = template.serving(definition)
                .orElseThrow(() -> new AssertionError("the template deploys no function " + definition));
        Map<String, String> environment = new LinkedHashMap<>(function.environmentWith(local));
        environment.putAll(extraEnvironment);
        environment.forEach((name, value) -> assertThat(templateNames)
                .as("%s=%s names a template resource: give the test a local value", name, value).doesNotContain(value));
        var runtimeApi = RuntimeApiStandIn.start(function.logicalId());
        try {
            Files.createDirectories(logs);
            var spec = new LambdaProcess.Spec(function.logicalId(), taskRoot, function.handler(), environment, jvmOptions,
                    logs.resolve(function.logicalId() + "-" + System.nanoTime() + ".log"));
            return new Environment(runtimeApi, LambdaProcess.start(spec, runtimeApi));
        } catch (IOException e) {
            runtimeApi.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code test} against a fresh environment of {@code definition} started with extra settings, then stops it. */
    <T> T withEnvironment(String definition, Map<String, String> extraEnvironment, List<String> jvmOptions,
            java.util.function.BiFunction<RuntimeApiStandIn, LambdaProcess, T> test) {
        Environment environment = start(definition, extraEnvironment, jvmOptions);
        try {
            return test.apply(environment.runtimeApi(), environment.process());
        } finally {
            environment.process().close();
            environment.runtimeApi().close();
        }
    }

    /** What an environment's runtime and function logged, for failure messages. */
    String log(String definition) {
        Environment environment = environments.get(definition);
        return environment == null ? "(not started)" : environment.process().log();
    }

    static ObjectNode event(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(REPOSITORY.resolve("events").resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API Gateway response in an invocation result. */
    static JsonNode response(RuntimeApiStandIn.Result result) {
        assertThat(result.success()).as("the function answered, not the runtime with an error: %s", result.body()).isTrue();
        return JSON.readTree(result.payload());
    }

    /** The response's JSON body. */
    static JsonNode body(JsonNode response) {
        return JSON.readTree(response.path("body").asString());
    }

    /** A response header, whatever its case. */
    static String header(JsonNode response, String name) {
        for (var header : response.path("headers").properties()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asString();
            }
        }
        return null;
    }

    /** A Kafka record header as text. */
    static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        environments.values().forEach(environment -> {
            try {
                environment.process().close();
                environment.runtimeApi().close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static Set<String> templateNames() {
        JsonNode root = new tools.jackson.dataformat.yaml.YAMLMapper().readTree(REPOSITORY.resolve("infra/template.yaml").toFile());
        Set<String> names = new java.util.HashSet<>();
        root.path("Parameters").propertyNames().forEach(names::add);
        root.path("Resources").propertyNames().forEach(names::add);
        return Set.copyOf(names);
    }
}
