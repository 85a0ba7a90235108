package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.orderflow.inventory.config.InventoryApplication;
import dev.orderflow.local.runner.gateway.HttpRoutes;
import dev.orderflow.order.config.OrderApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The three descriptions of the API agree: the SAM template's routes and functions, the function beans
 * the code registers, and the OpenAPI contract. A route added in one place only fails here.
 */
class TemplateConsistencyTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNode TEMPLATE = read("../../infra/template.yaml");
    private static final JsonNode OPENAPI = read("../../docs/openapi.yaml");

    @Test
    void everyRouteOfTheTemplateIsInTheContractAndViceVersa() {
        Set<String> templateRoutes = HttpRoutes.fromTemplate(open("../../infra/template.yaml")).all().stream()
                .map(HttpRoutes.Route::routeKey)
                .filter(key -> !key.equals(HttpRoutes.DEFAULT_ROUTE))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> contractRoutes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : OPENAPI.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (!method.equals("parameters")) {
                    contractRoutes.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
        }

        assertThat(templateRoutes).isEqualTo(contractRoutes);
    }

    /** The scopes each route needs, as the functions enforce them behind the gateway. */
    private static final Map<String, Set<String>> SCOPES_THE_CODE_ENFORCES = Map.of(
            "orders", Set.of(dev.orderflow.order.adapter.function.OrderScopes.CUSTOMER, dev.orderflow.order.adapter.function.OrderScopes.BACK_OFFICE),
            "product writes", Set.of(dev.orderflow.inventory.adapter.function.InventoryScopes.WRITE),
            "product reads", Set.of());

    @Test
    void everyRouteButDefaultNeedsATokenWithTheScopesTheCodeEnforcesAndTheContractPublishes() {
        for (HttpRoutes.Route route : HttpRoutes.fromTemplate(open("../../infra/template.yaml")).all()) {
            if (route.routeKey().equals(HttpRoutes.DEFAULT_ROUTE)) {
                assertThat(route.authorized()).as("$default answers 404/405 to anyone").isFalse();
                continue;
            }
            String kind = route.pathTemplate().startsWith("/oms/") ? "orders" : route.method().equals("GET") ? "product reads" : "product writes";
            JsonNode security = OPENAPI.get("paths").get(route.pathTemplate()).get(route.method().toLowerCase(java.util.Locale.ROOT)).path("security");
            Set<String> published = new TreeSet<>();
            security.path(0).path("jwt").forEach(scope -> published.add(scope.asString()));

            assertThat(route.authorized()).as(route.routeKey()).isTrue();
            assertThat(new TreeSet<>(route.scopes())).as(route.routeKey()).isEqualTo(new TreeSet<>(SCOPES_THE_CODE_ENFORCES.get(kind)))
                    .isEqualTo(published);
        }
    }

    @Test
    void theCreatedUserPoolIssuesExactlyTheScopesOfTheRoutesToTheRightClients() {
        JsonNode resources = TEMPLATE.get("Resources");
        String server = resources.get("ApiScopes").path("Properties").path("Identifier").asString();
        Set<String> issued = new TreeSet<>();
        resources.get("ApiScopes").path("Properties").path("Scopes").forEach(s -> issued.add(server + "/" + s.path("ScopeName").asString()));
        Set<String> needed = new TreeSet<>();
        SCOPES_THE_CODE_ENFORCES.values().forEach(needed::addAll);

        assertThat(issued).isEqualTo(needed);
        assertThat(YAML.convertValue(resources.get("StorefrontClient").path("Properties").path("AllowedOAuthScopes"), java.util.List.class))
                .contains(dev.orderflow.order.adapter.function.OrderScopes.CUSTOMER)
                .doesNotContain(dev.orderflow.order.adapter.function.OrderScopes.BACK_OFFICE, dev.orderflow.inventory.adapter.function.InventoryScopes.WRITE);
        assertThat(YAML.convertValue(resources.get("BackOfficeClient").path("Properties").path("AllowedOAuthScopes"), java.util.List.class))
                .containsExactlyInAnyOrder(dev.orderflow.order.adapter.function.OrderScopes.BACK_OFFICE, dev.orderflow.inventory.adapter.function.InventoryScopes.WRITE);
    }

    @Test
    void everyMetricTheDashboardAndAlarmsWatchIsOneTheFunctionsEmit() throws IOException {
        Set<String> emitted = new TreeSet<>();
        var emission = java.util.regex.Pattern.compile("Metric\\.(?:count|milliseconds|seconds)\\(\"(\\w+)\"");
        try (var sources = java.nio.file.Files.walk(java.nio.file.Path.of("../../functions"))) {
            for (var file : sources.filter(f -> f.toString().endsWith(".java") && f.toString().contains("src/main")).toList()) {
                emission.matcher(java.nio.file.Files.readString(file)).results().forEach(m -> emitted.add(m.group(1)));
            }
        }
        Set<String> watched = new TreeSet<>();
        for (JsonNode resource : TEMPLATE.get("Resources")) {
            if (resource.path("Type").asString().equals("AWS::CloudWatch::Alarm")) {
                if (resource.path("Properties").path("Namespace").asString().equals("orderflow")) {
                    watched.add(resource.path("Properties").path("MetricName").asString());
                }
                resource.path("Properties").path("Metrics").forEach(m -> {
                    if (m.path("MetricStat").path("Metric").path("Namespace").asString().equals("orderflow")) {
                        watched.add(m.path("MetricStat").path("Metric").path("MetricName").asString());
                    }
                });
            }
        }
        String dashboard = TEMPLATE.get("Resources").get("OperationsDashboard").path("Properties").path("DashboardBody").get(0).asString();
        java.util.regex.Pattern.compile("\\[\"orderflow\", \"(\\w+)\"").matcher(dashboard).results().forEach(m -> watched.add(m.group(1)));

        assertThat(watched).hasSizeGreaterThan(10);
        assertThat(emitted).containsAll(watched);
    }

    @Test
    void theDefaultRouteKnowsEveryRouteOfTheApi() {
        String declared = TEMPLATE.get("Resources").get("RouteNotFoundFunction").path("Properties").path("Environment")
                .path("Variables").path("API_ROUTES").asString();

        Set<String> listed = java.util.Arrays.stream(declared.split(",")).map(String::strip).map(r -> r.replaceAll("\\s+", " "))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(new TreeSet<>(java.util.Arrays.asList(HttpRoutes.fromTemplate(open("../../infra/template.yaml"))
                .spec().split(", "))));
    }

    @Test
    void everyDeployedFunctionIsABeanAndEveryFunctionBeanIsDeployed() {
        Set<String> deployed = new TreeSet<>();
        for (Map.Entry<String, JsonNode> resource : TEMPLATE.get("Resources").properties()) {
            JsonNode definition = resource.getValue().path("Properties").path("Environment").path("Variables")
                    .path("SPRING_CLOUD_FUNCTION_DEFINITION");
            if (!definition.isMissingNode()) {
                deployed.add(definition.asString());
            }
        }

        Set<String> beans = new TreeSet<>();
        beans.addAll(functionBeans(OrderApplication.class));
        beans.addAll(functionBeans(InventoryApplication.class));

        assertThat(deployed).isEqualTo(beans);
    }

    @Test
    void everyFunctionRunsTheSharedHandlerWithTheApplicationOfTheJarItIsDeployedFrom() throws Exception {
        String handler = TEMPLATE.path("Globals").path("Function").path("Handler").asString();
        Class<?> handlerClass = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(handlerClass.getMethod(handler.substring(handler.indexOf("::") + 2), java.io.InputStream.class,
                java.io.OutputStream.class, com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();

        functions().forEach((name, properties) -> {
            String codeUri = properties.path("CodeUri").asString();
            String mainClass = properties.path("Environment").path("Variables").path("MAIN_CLASS").asString();
            String expected = codeUri.endsWith("functions/order") ? OrderApplication.class.getName() : InventoryApplication.class.getName();
            assertThat(mainClass).as("%s (%s)", name, codeUri).isEqualTo(expected);
            assertThat(properties.has("Handler")).as("%s uses the Globals handler", name).isFalse();
        });
    }

    @Test
    void samBuildMakesEveryFunctionFromTheJarOfItsService() throws IOException {
        String makefile = Files.readString(Path.of("../../infra/Makefile")).replace("\\\n", " ");
        Map<String, Set<String>> listed = Map.of(
                "../functions/order", makeList(makefile, "ORDER_FUNCTIONS"),
                "../functions/inventory", makeList(makefile, "INVENTORY_FUNCTIONS"));
        Map<String, Set<String>> deployed = new java.util.HashMap<>();

        functions().forEach((name, properties) -> {
            JsonNode metadata = TEMPLATE.get("Resources").get(name).path("Metadata");
            assertThat(metadata.path("BuildMethod").asString()).as(name).isEqualTo("makefile");
            assertThat(metadata.path("ProjectRootDirectory").asString()).as(name).isEqualTo("..");
            assertThat(metadata.path("ContextPath").asString()).as(name).isEqualTo(".");
            deployed.computeIfAbsent(properties.path("CodeUri").asString(), c -> new TreeSet<>()).add(name);
        });

        assertThat(deployed).isEqualTo(listed);
    }

    private static Set<String> makeList(String makefile, String variable) {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^" + variable + " := (.*)$").matcher(makefile);
        assertThat(line.find()).as("%s in infra/Makefile", variable).isTrue();
        return new TreeSet<>(java.util.Arrays.asList(line.group(1).strip().split("\\s+")));
    }

    @Test
    void httpFunctionsRestoreFromAPrimedSnapshotAndStreamOrKafkaTriggeredOnesDoNot() {
        JsonNode globals = TEMPLATE.path("Globals").path("Function");
        assertThat(globals.path("AutoPublishAlias").asString()).isNotBlank();
        assertThat(globals.path("SnapStart").path("ApplyOn").asString()).isEqualTo("PublishedVersions");

        functions().forEach((name, properties) -> {
            Set<String> triggers = new TreeSet<>();
            properties.path("Events").forEach(event -> triggers.add(event.path("Type").asString()));
            String snapStart = properties.path("SnapStart").path("ApplyOn").asString("PublishedVersions");
            String function = properties.path("Environment").path("Variables").path("SPRING_CLOUD_FUNCTION_DEFINITION").asString();
            if (triggers.contains("HttpApi")) {
                assertThat(snapStart).as("%s serves HTTP: SnapStart", name).isEqualTo("PublishedVersions");
                assertThat(dev.orderflow.lambda.ApiGatewayFunctionInvoker.primingEvent(function))
                        .as("%s has a priming request priming/%s.json", name, function).isNotNull();
            }
            if (triggers.contains("MSK") || triggers.contains("DynamoDB")) {
                // these hold Kafka producers: one snapshot restored many times would share a producer id
                assertThat(snapStart).as("%s publishes to Kafka: no SnapStart", name).isEqualTo("None");
            }
        });
    }

    @Test
    void theLocalMskStandInDeliversTheBatchesTheTemplatesMskTriggersDeliver() {
        Map<String, JsonNode> mskTriggers = new java.util.TreeMap<>();
        functions().forEach((name, properties) -> properties.path("Events").properties().forEach(event -> {
            if ("MSK".equals(event.getValue().path("Type").asString())) {
                mskTriggers.put(name + "." + event.getKey(), event.getValue().path("Properties"));
            }
        }));

        assertThat(mskTriggers).hasSize(2).allSatisfy((name, trigger) -> {
            // locally a batch is what one poll returned, without waiting for more
            assertThat(trigger.path("MaximumBatchingWindowInSeconds").isInt()).as("%s has a batching window", name).isTrue();
            assertThat(trigger.path("MaximumBatchingWindowInSeconds").intValue()).as("%s batching window", name).isZero();
            assertThat(trigger.path("FunctionResponseTypes").toString()).as("%s reports failed records", name).contains("ReportBatchItemFailures");
        });
    }

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new java.util.TreeMap<>();
        TEMPLATE.get("Resources").properties().forEach(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asString())) {
                functions.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        assertThat(functions).isNotEmpty();
        return functions;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> functionBeans(Class<?> application) {
        // the application registers its functions on the context it is given: no need to start anything
        try (var context = new org.springframework.context.support.GenericApplicationContext()) {
            var initializer = (org.springframework.context.ApplicationContextInitializer<org.springframework.context.support.GenericApplicationContext>)
                    org.springframework.beans.BeanUtils.instantiateClass(application);
            initializer.initialize(context);
            return new TreeSet<>(Set.of(context.getDefaultListableBeanFactory()
                    .getBeanNamesForType(org.springframework.cloud.function.context.FunctionRegistration.class)));
        }
    }

    private static JsonNode read(String file) {
        return YAML.readTree(open(file));
    }

    private static java.io.InputStream open(String file) {
        try {
            return Files.newInputStream(Path.of(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
