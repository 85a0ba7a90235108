package dev.orderflow.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.infra.EmbeddedKafka;
import dev.orderflow.local.infra.LocalDynamoDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.Header;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
    static final Path REPOSITORY = Path.of(System.getProperty("orderflow.repository", "../.."))
            .toAbsolutePath()
            .normalize();
    private static final Duration FIRST_INVOCATION = Duration.ofSeconds(90);

    private final SamFunctions template = SamFunctions.read(REPOSITORY.resolve("infra/template.yaml"));
    private final Set<String> templateNames = template.names();
    private final Path taskRoot;
    private final Path logs;
    private final Map<String, String> local;
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();

    private record Environment(RuntimeApiStandIn runtimeApi, LambdaProcess process) {}

    private final EmbeddedKafka kafka;
    private final LocalDynamoDb dynamo;
    private final DynamoDbClient store;

    private DeployedService(
            Path deploymentJar, Path workDirectory, EmbeddedKafka kafka, LocalDynamoDb dynamo, DynamoDbClient store) {
        this.kafka = kafka;
        this.dynamo = dynamo;
        this.store = store;
        this.taskRoot = TaskRoot.unpack(deploymentJar, workDirectory.resolve("task"));
        // kept after the run (target/lambda-logs), where a failing build's logs can be read
        this.logs = Path.of("target", "lambda-logs", workDirectory.getFileName().toString());
        this.local = LocalStores.environment(
                kafka.bootstrapServers(), dynamo.endpoint().toString());
    }

    /**
     * Deploys {@code service} ("order" or "inventory") on this machine: a Kafka broker with {@code topics}, a
     * DynamoDB-compatible server with the tables {@code createTables} makes, and the service's deployment jar
     * unpacked under {@code workDirectory}. {@link #close} stops all of it.
     */
    static DeployedService start(
            String service, Path workDirectory, List<String> topics, Consumer<DynamoDbClient> createTables) {
        EmbeddedKafka kafka = EmbeddedKafka.start(workDirectory.resolve("kafka"), 0);
        LocalDynamoDb dynamo = null;
        DynamoDbClient store = null;
        try {
            kafka.createTopics(topics, 3);
            dynamo = LocalDynamoDb.start(0, null);
            store = dynamo.client();
            createTables.accept(store);
            return new DeployedService(deploymentJar(service), workDirectory.resolve(service), kafka, dynamo, store);
        } catch (RuntimeException | AssertionError e) {
            closeAll(store, dynamo, kafka);
            throw e;
        }
    }

    /** The DynamoDB the functions write to, for reading their effects. */
    DynamoDbClient store() {
        return store;
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    static Path deploymentJar(String service) {
        Path jar = Path.of(System.getProperty("orderflow." + service + ".jar", "missing"));
        assertThat(jar)
                .as("the %s service's deployment jar (mvn package builds it)", service)
                .exists();
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
                .as("%s=%s names a template resource: give the test a local value", name, value)
                .doesNotContain(value));
        var runtimeApi = RuntimeApiStandIn.start(function.logicalId());
        try {
            Files.createDirectories(logs);
            var spec = new LambdaProcess.Spec(
                    function.logicalId(),
                    taskRoot,
                    function.handler(),
                    environment,
                    jvmOptions,
                    logs.resolve(function.logicalId() + "-" + System.nanoTime() + ".log"));
            return new Environment(runtimeApi, LambdaProcess.start(spec, runtimeApi));
        } catch (IOException e) {
            runtimeApi.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code test} against a fresh environment of {@code definition} started with extra settings, then stops it. */
    <T> T withEnvironment(
            String definition,
            Map<String, String> extraEnvironment,
            List<String> jvmOptions,
            BiFunction<RuntimeApiStandIn, LambdaProcess, T> test) {
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
            return (ObjectNode)
                    JSON.readTree(Files.readString(REPOSITORY.resolve("events").resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as API Gateway's JWT authorizer hands it over for a token of {@code subject} with {@code scope}. */
    static ObjectNode asCaller(ObjectNode event, String subject, String scope) {
        ObjectNode jwt = ((ObjectNode) event.path("requestContext"))
                .putObject("authorizer")
                .putObject("jwt");
        jwt.putObject("claims")
                .put("sub", subject)
                .put("client_id", subject)
                .put("scope", scope)
                .put("token_use", "access");
        jwt.putNull("scopes");
        return event;
    }

    /** The event with no authorizer in front: the function is invoked directly. */
    static ObjectNode withoutCaller(ObjectNode event) {
        ((ObjectNode) event.path("requestContext")).remove("authorizer");
        return event;
    }

    /** The API Gateway response in an invocation result. */
    static JsonNode response(RuntimeApiStandIn.Result result) {
        assertThat(result.success())
                .as("the function answered, not the runtime with an error: %s", result.body())
                .isTrue();
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
        environments.values().forEach(environment -> closeAll(environment.process(), environment.runtimeApi()));
        closeAll(store, dynamo, kafka);
    }

    /** Closes each, in order, even when one fails; the first failure is thrown at the end. */
    private static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot stop " + resource, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
