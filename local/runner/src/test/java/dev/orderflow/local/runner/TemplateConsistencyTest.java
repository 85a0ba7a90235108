package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.inventory.adapter.function.InventoryScopes;
import dev.orderflow.inventory.config.InventoryApplication;
import dev.orderflow.local.runner.gateway.HttpRoutes;
import dev.orderflow.local.runner.template.SamTemplates;
import dev.orderflow.order.adapter.function.OrderScopes;
import dev.orderflow.order.config.OrderApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The descriptions of the system agree: the SAM templates' routes and functions (the root, the platform and one
 * stack per service), the function beans the code registers, the Makefiles sam build runs, and the OpenAPI contract.
 * A route or function added in one place only fails here.
 */
class TemplateConsistencyTest {

    static final SamTemplates SYSTEM = SamTemplates.fromFile(Path.of("../../infra/template.yaml"));
    /** The services' templates, by service: the folder their functions' code comes from. */
    static final Map<String, SamTemplates.Template> SERVICES =
            Map.of("order", template("order/template.yaml"), "inventory", template("inventory/template.yaml"));

    private static final SamTemplates.Template PLATFORM = template("platform/template.yaml");
    private static final HttpRoutes ROUTES = HttpRoutes.fromTemplates(SYSTEM);
    private static final JsonNode OPENAPI =
            new YAMLMapper().readTree(Path.of("../../docs/openapi.yaml").toFile());

    @Test
    void theRootNestsThePlatformAndEachServiceAndGivesEachEveryParameterWithoutADefault() {
        Map<String, JsonNode> nested = SYSTEM.all().get(0).resources("AWS::Serverless::Application");
        assertThat(nested.values())
                .extracting(stack -> stack.path("Properties").path("Location").asString())
                .containsExactlyInAnyOrder("platform/template.yaml", "order/template.yaml", "inventory/template.yaml");

        nested.forEach((name, stack) -> {
            SamTemplates.Template child =
                    template(stack.path("Properties").path("Location").asString());
            Set<String> given =
                    new TreeSet<>(stack.path("Properties").path("Parameters").propertyNames());
            child.root().path("Parameters").properties().forEach(parameter -> {
                if (!parameter.getValue().has("Default")) {
                    assertThat(given)
                            .as("%s gives %s", name, parameter.getKey())
                            .contains(parameter.getKey());
                }
            });
            assertThat(child.root().path("Parameters").propertyNames())
                    .as("%s takes what the root gives it", name)
                    .containsAll(given);
            if (!name.equals("PlatformStack")) {
                assertThat(stack.path("DependsOn").asString())
                        .as("%s reads the platform's SSM parameters: it starts after it", name)
                        .isEqualTo("PlatformStack");
            }
        });
    }

    @Test
    void ciLintsEveryTemplateOfTheSystem() throws IOException {
        String ci = Files.readString(Path.of("../../.ci/run"));
        assertThat(SYSTEM.all())
                .hasSize(4)
                .allSatisfy(
                        template -> assertThat(ci).contains(template.location().replace("../../", "")));
    }

    @Test
    void everyRouteOfTheTemplatesIsInTheContractAndViceVersa() {
        Set<String> templateRoutes = ROUTES.all().stream()
                .map(HttpRoutes.Route::routeKey)
                .filter(key -> !key.equals(HttpRoutes.DEFAULT_ROUTE))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> contractRoutes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : OPENAPI.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (!method.equals("parameters")) {
                    contractRoutes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }

        assertThat(templateRoutes).isEqualTo(contractRoutes);
    }

    /**
     * What every route can answer whatever its function does: the gateway's 401 (no valid token), 403 (no scope) and
     * 429 (throttled), the shared exchange's 500 and 503 (a store that does not answer); with a body, 400, 413 and 415;
     * with a path variable, 404; with query parameters, 400.
     */
    @Test
    void theContractDocumentsEveryStatusTheGatewayAndTheSharedExchangeAnswerForEachOperation() {
        for (HttpRoutes.Route route : ROUTES.all()) {
            if (route.pathTemplate() == null) {
                continue;
            }
            JsonNode operation = OPENAPI.get("paths")
                    .get(route.pathTemplate())
                    .get(route.method().toLowerCase(Locale.ROOT));
            Set<String> documented = new TreeSet<>(operation.get("responses").propertyNames());
            Set<String> answered = new TreeSet<>(Set.of("401", "403", "429", "500", "503"));
            if (operation.has("requestBody")) {
                answered.addAll(Set.of("400", "413", "415"));
            }
            if (route.pathTemplate().contains("{")) {
                answered.add("404");
            }
            if (operation.has("parameters")
                    && operation.get("parameters").toString().contains("\"query\"")) {
                answered.add("400");
            }
            assertThat(documented).as(route.routeKey()).containsAll(answered);
        }
    }

    @Test
    void eachServiceRoutesOnlyItsOwnPathsToItsOwnFunctions() {
        Map<String, String> prefixes = Map.of("order", "/oms/", "inventory", "/inventory/");
        SERVICES.forEach((service, template) -> {
            Set<String> functions = definitions(template);
            template.resources("AWS::ApiGatewayV2::Route").forEach((name, route) -> {
                String key = route.path("Properties").path("RouteKey").asString();
                assertThat(key.equals(HttpRoutes.DEFAULT_ROUTE) || key.split(" ")[1].startsWith(prefixes.get(service)))
                        .as("%s route %s", service, key)
                        .isTrue();
            });
            ROUTES.all().stream()
                    .filter(route ->
                            route.pathTemplate() != null && route.pathTemplate().startsWith(prefixes.get(service)))
                    .forEach(route -> assertThat(functions).as(route.routeKey()).contains(route.function()));
        });
    }

    /** The scopes each route needs, as the functions enforce them behind the gateway. */
    /** The routes only the back office may call (the code checks it with Requester.checkBackOffice). */
    private static final Set<String> BACK_OFFICE_ROUTES =
            Set.of("GET /oms/orders/{orderId}/history", "GET /oms/backlog", "GET /oms/dead-letters");

    /** The routes the shop's staff may call: the back office and the warehouse (InventoryScopes.STAFF). */
    private static final Set<String> STAFF_ROUTES = Set.of("GET /inventory/alerts", "GET /inventory/dead-letters");

    private static final Map<String, Set<String>> SCOPES_THE_CODE_ENFORCES = Map.of(
            "orders", Set.of(OrderScopes.CUSTOMER, OrderScopes.BACK_OFFICE),
            "back office", Set.of(OrderScopes.BACK_OFFICE),
            "staff", Set.copyOf(InventoryScopes.STAFF),
            "product writes", Set.of(InventoryScopes.WRITE),
            "product reads", Set.copyOf(InventoryScopes.READ));

    @Test
    void everyRouteButDefaultNeedsATokenWithTheScopesTheCodeEnforcesAndTheContractPublishes() {
        for (HttpRoutes.Route route : ROUTES.all()) {
            if (route.routeKey().equals(HttpRoutes.DEFAULT_ROUTE)) {
                assertThat(route.authorized())
                        .as("$default answers 404/405 to anyone")
                        .isFalse();
                continue;
            }
            String kind = BACK_OFFICE_ROUTES.contains(route.routeKey())
                    ? "back office"
                    : STAFF_ROUTES.contains(route.routeKey())
                            ? "staff"
                            : route.pathTemplate().startsWith("/oms/")
                                    ? "orders"
                                    : route.method().equals("GET") ? "product reads" : "product writes";
            JsonNode security = OPENAPI.get("paths")
                    .get(route.pathTemplate())
                    .get(route.method().toLowerCase(Locale.ROOT))
                    .path("security");
            Set<String> published = new TreeSet<>();
            security.path(0).path("jwt").forEach(scope -> published.add(scope.asString()));

            assertThat(route.authorized()).as(route.routeKey()).isTrue();
            assertThat(new TreeSet<>(route.scopes()))
                    .as(route.routeKey())
                    .isEqualTo(new TreeSet<>(SCOPES_THE_CODE_ENFORCES.get(kind)))
                    .isEqualTo(published);
        }
        SERVICES.values()
                .forEach(template -> template.resources("AWS::ApiGatewayV2::Route")
                        .forEach((name, route) -> {
                            if ("JWT"
                                    .equals(route.path("Properties")
                                            .path("AuthorizationType")
                                            .asString())) {
                                assertThat(route.path("Properties")
                                                .path("AuthorizerId")
                                                .asString())
                                        .as(name)
                                        .isEqualTo("ApiAuthorizerId");
                            }
                        }));
    }

    @Test
    void theCreatedUserPoolIssuesExactlyTheScopesOfTheRoutesToTheRightClients() {
        JsonNode resources = PLATFORM.root().get("Resources");
        String server =
                resources.get("ApiScopes").path("Properties").path("Identifier").asString();
        Set<String> issued = new TreeSet<>();
        resources
                .get("ApiScopes")
                .path("Properties")
                .path("Scopes")
                .forEach(s -> issued.add(server + "/" + s.path("ScopeName").asString()));
        Set<String> needed = new TreeSet<>();
        SCOPES_THE_CODE_ENFORCES.values().forEach(needed::addAll);

        assertThat(issued).isEqualTo(needed);
        assertThat(strings(resources.get("StorefrontClient").path("Properties").path("AllowedOAuthScopes")))
                .contains(OrderScopes.CUSTOMER)
                .doesNotContain(OrderScopes.BACK_OFFICE, InventoryScopes.WRITE);
        assertThat(strings(resources.get("BackOfficeClient").path("Properties").path("AllowedOAuthScopes")))
                .containsExactlyInAnyOrder(OrderScopes.BACK_OFFICE, InventoryScopes.WRITE);
    }

    @Test
    void theCreatedUserPoolOutlivesTheStackAndAsksForMoreThanALongPassword() {
        JsonNode pool = PLATFORM.root().get("Resources").get("UserPool");
        assertThat(pool.path("DeletionPolicy").asString()).isEqualTo("Retain");
        assertThat(pool.path("Properties").path("DeletionProtection").asString())
                .isEqualTo("ACTIVE");
        assertThat(pool.path("Properties").path("MfaConfiguration").asString()).isEqualTo("OPTIONAL");
        JsonNode password = pool.path("Properties").path("Policies").path("PasswordPolicy");
        assertThat(password.path("MinimumLength").asInt()).isGreaterThanOrEqualTo(12);
        assertThat(password.path("RequireLowercase").asBoolean()
                        && password.path("RequireUppercase").asBoolean()
                        && password.path("RequireNumbers").asBoolean())
                .isTrue();
        for (String client : List.of("StorefrontClient", "BackOfficeClient")) {
            JsonNode properties = PLATFORM.root().get("Resources").get(client).path("Properties");
            assertThat(properties.path("AccessTokenValidity").asInt())
                    .as(client)
                    .isEqualTo(60);
            assertThat(properties.has("IdTokenValidity") && properties.has("RefreshTokenValidity"))
                    .as("%s sets every validity", client)
                    .isTrue();
        }
    }

    @Test
    void everyMetricAServicesDashboardAndAlarmsWatchIsOneItsOwnFunctionsEmit() throws IOException {
        for (Map.Entry<String, SamTemplates.Template> service : SERVICES.entrySet()) {
            Set<String> emitted = emitted("../../functions/" + service.getKey(), "../../functions/lambda-support");
            Set<String> watched = new TreeSet<>();
            service.getValue().resources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
                JsonNode properties = alarm.path("Properties");
                if (properties.path("Namespace").asString().equals("orderflow")) {
                    watched.add(properties.path("MetricName").asString());
                    assertThat(dimension(properties.path("Dimensions"), "Service"))
                            .as("%s alarm", service.getKey())
                            .isEqualTo(service.getKey());
                }
                properties.path("Metrics").forEach(m -> {
                    if (m.path("MetricStat")
                            .path("Metric")
                            .path("Namespace")
                            .asString()
                            .equals("orderflow")) {
                        watched.add(m.path("MetricStat")
                                .path("Metric")
                                .path("MetricName")
                                .asString());
                        assertThat(dimension(m.path("MetricStat").path("Metric").path("Dimensions"), "Service"))
                                .isEqualTo(service.getKey());
                    }
                });
            });
            for (JsonNode dashboard :
                    service.getValue().resources("AWS::CloudWatch::Dashboard").values()) {
                String body = dashboard.path("Properties").path("DashboardBody").asString();
                Matcher metric = Pattern.compile("\\[\"orderflow\", \"(\\w+)\", \"Service\", \"(\\w+)\"")
                        .matcher(body);
                while (metric.find()) {
                    watched.add(metric.group(1));
                    assertThat(metric.group(2))
                            .as("%s dashboard shows %s", service.getKey(), metric.group(1))
                            .isEqualTo(service.getKey());
                }
            }

            assertThat(watched).as(service.getKey()).hasSizeGreaterThan(3);
            assertThat(emitted).as(service.getKey()).containsAll(watched);
        }
    }

    @Test
    void theDefaultRouteKnowsEveryRouteOfTheApi() {
        List<String> declared = SYSTEM.all().stream()
                .flatMap(t -> t.resources("AWS::Serverless::Function").values().stream())
                .map(f -> f.path("Properties")
                        .path("Environment")
                        .path("Variables")
                        .path("API_ROUTES"))
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .toList();

        assertThat(declared).hasSize(1);
        Set<String> listed = Arrays.stream(declared.get(0).split(","))
                .map(String::strip)
                .map(r -> r.replaceAll("\\s+", " "))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(new TreeSet<>(List.of(ROUTES.spec().split(", "))));
    }

    @Test
    void everyDeployedFunctionIsABeanOfItsServiceAndEveryFunctionBeanIsDeployed() {
        assertThat(definitions(SERVICES.get("order"))).isEqualTo(functionBeans(OrderApplication.class));
        assertThat(definitions(SERVICES.get("inventory"))).isEqualTo(functionBeans(InventoryApplication.class));
        // the platform's one function is Cognito's trigger, inline Node.js (ConsoleSignInGateTest), run on AWS only
        assertThat(PLATFORM.resources("AWS::Serverless::Function").keySet()).containsExactly("ConsoleSignInGate");
    }

    @Test
    void everyFunctionRunsTheSharedHandlerWithTheApplicationOfTheJarItIsDeployedFrom() throws Exception {
        Map<String, Class<?>> applications =
                Map.of("order", OrderApplication.class, "inventory", InventoryApplication.class);
        for (Map.Entry<String, SamTemplates.Template> service : SERVICES.entrySet()) {
            String handler = service.getValue()
                    .root()
                    .path("Globals")
                    .path("Function")
                    .path("Handler")
                    .asString();
            Class<?> handlerClass = Class.forName(handler.substring(0, handler.indexOf("::")));
            assertThat(handlerClass.getMethod(
                            handler.substring(handler.indexOf("::") + 2),
                            InputStream.class,
                            OutputStream.class,
                            com.amazonaws.services.lambda.runtime.Context.class))
                    .isNotNull();

            service.getValue().resources("AWS::Serverless::Function").forEach((name, function) -> {
                JsonNode properties = function.path("Properties");
                assertThat(properties.path("CodeUri").asString())
                        .as(name)
                        .isEqualTo("../../functions/" + service.getKey());
                assertThat(properties
                                .path("Environment")
                                .path("Variables")
                                .path("MAIN_CLASS")
                                .asString())
                        .as(name)
                        .isEqualTo(applications.get(service.getKey()).getName());
                assertThat(properties.has("Handler"))
                        .as("%s uses the Globals handler", name)
                        .isFalse();
            });
        }
    }

    @Test
    void samBuildMakesEveryFunctionFromTheJarOfItsServiceWhereverItStarts() throws IOException {
        for (Map.Entry<String, SamTemplates.Template> service : SERVICES.entrySet()) {
            String makefile = Files.readString(Path.of("../../infra", service.getKey(), "Makefile"))
                    .replace("\\\n", " ");
            Set<String> deployed = new TreeSet<>();
            service.getValue().resources("AWS::Serverless::Function").forEach((name, function) -> {
                JsonNode metadata = function.path("Metadata");
                assertThat(metadata.path("BuildMethod").asString()).as(name).isEqualTo("makefile");
                // relative to the template sam build starts from: infra/Makefile for the root, the service's own alone
                assertThat(metadata.path("ContextPath").asString()).as(name).isEqualTo(".");
                deployed.add(name);
            });

            assertThat(makeList(makefile, service.getKey().toUpperCase(Locale.ROOT) + "_FUNCTIONS"))
                    .isEqualTo(deployed);
            assertThat(makefile).contains("-pl functions/" + service.getKey() + " ");
        }
        assertThat(Files.readString(Path.of("../../infra/Makefile")))
                .contains("include $(INFRA)order/Makefile", "include $(INFRA)inventory/Makefile");
    }

    @Test
    void httpFunctionsRestoreFromAPrimedSnapshotAndStreamOrKafkaTriggeredOnesDoNot() {
        Set<String> served = new TreeSet<>();
        ROUTES.all().forEach(route -> served.add(route.function()));
        for (SamTemplates.Template template : SERVICES.values()) {
            JsonNode globals = template.root().path("Globals").path("Function");
            assertThat(globals.path("AutoPublishAlias").asString()).isNotBlank();
            assertThat(globals.path("SnapStart").path("ApplyOn").asString()).isEqualTo("PublishedVersions");

            template.resources("AWS::Serverless::Function").forEach((name, function) -> {
                JsonNode properties = function.path("Properties");
                Set<String> triggers = new TreeSet<>();
                properties
                        .path("Events")
                        .forEach(event -> triggers.add(event.path("Type").asString()));
                String snapStart = properties.path("SnapStart").path("ApplyOn").asString("PublishedVersions");
                String definition = properties
                        .path("Environment")
                        .path("Variables")
                        .path("SPRING_CLOUD_FUNCTION_DEFINITION")
                        .asString();
                if (served.contains(definition)) {
                    assertThat(snapStart).as("%s serves HTTP: SnapStart", name).isEqualTo("PublishedVersions");
                    assertThat(dev.orderflow.lambda.ApiGatewayFunctionInvoker.primingEvent(definition))
                            .as("%s has a priming request priming/%s.json", name, definition)
                            .isNotNull();
                }
                if (triggers.contains("MSK") || triggers.contains("DynamoDB")) {
                    // these hold Kafka producers: one snapshot restored many times would share a producer id
                    assertThat(snapStart)
                            .as("%s publishes to Kafka: no SnapStart", name)
                            .isEqualTo("None");
                }
            });
        }
        assertThat(served).hasSize(15);
    }

    @Test
    void theLocalMskStandInDeliversTheBatchesTheTemplatesMskTriggersDeliver() {
        Map<String, JsonNode> mskTriggers = new TreeMap<>();
        SERVICES.values()
                .forEach(template -> template.resources("AWS::Serverless::Function")
                        .forEach((name, function) -> function.path("Properties")
                                .path("Events")
                                .properties()
                                .forEach(event -> {
                                    if ("MSK"
                                            .equals(event.getValue()
                                                    .path("Type")
                                                    .asString())) {
                                        mskTriggers.put(
                                                name + "." + event.getKey(),
                                                event.getValue().path("Properties"));
                                    }
                                })));

        assertThat(mskTriggers).hasSize(2).allSatisfy((name, trigger) -> {
            // locally a batch is what one poll returned, without waiting for more
            assertThat(trigger.path("MaximumBatchingWindowInSeconds").isInt())
                    .as("%s has a batching window", name)
                    .isTrue();
            assertThat(trigger.path("MaximumBatchingWindowInSeconds").intValue())
                    .as("%s batching window", name)
                    .isZero();
            assertThat(trigger.path("FunctionResponseTypes").toString())
                    .as("%s reports failed records", name)
                    .contains("ReportBatchItemFailures");
        });
    }

    static SamTemplates.Template template(String location) {
        return SYSTEM.all().stream()
                .filter(t -> t.location().endsWith("/" + location))
                .findFirst()
                .orElseThrow(() -> new AssertionError("infra/template.yaml nests no " + location));
    }

    /** The function beans a template deploys. */
    static Set<String> definitions(SamTemplates.Template template) {
        Set<String> definitions = new TreeSet<>();
        template.resources("AWS::Serverless::Function")
                .values()
                .forEach(function -> definitions.add(function.path("Properties")
                        .path("Environment")
                        .path("Variables")
                        .path("SPRING_CLOUD_FUNCTION_DEFINITION")
                        .asString()));
        return definitions;
    }

    private static Set<String> makeList(String makefile, String variable) {
        Matcher line = Pattern.compile("(?m)^" + variable + " := (.*)$").matcher(makefile);
        assertThat(line.find()).as("%s in the Makefile", variable).isTrue();
        return new TreeSet<>(List.of(line.group(1).strip().split("\\s+")));
    }

    private static Set<String> emitted(String... sourceFolders) throws IOException {
        Set<String> emitted = new TreeSet<>();
        Pattern emission = Pattern.compile("Metric\\.(?:count|milliseconds|seconds)\\(\\s*\"(\\w+)\"");
        for (String folder : sourceFolders) {
            try (var sources = Files.walk(Path.of(folder))) {
                for (Path file : sources.filter(f ->
                                f.toString().endsWith(".java") && f.toString().contains("src/main"))
                        .toList()) {
                    emission.matcher(Files.readString(file)).results().forEach(m -> emitted.add(m.group(1)));
                }
            }
        }
        return emitted;
    }

    private static String dimension(JsonNode dimensions, String name) {
        for (JsonNode dimension : dimensions) {
            if (name.equals(dimension.path("Name").asString())) {
                return dimension.path("Value").asString();
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asString()));
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> functionBeans(Class<?> application) {
        // the application registers its functions on the context it is given: no need to start anything
        try (var context = new org.springframework.context.support.GenericApplicationContext()) {
            var initializer = (org.springframework.context.ApplicationContextInitializer<
                            org.springframework.context.support.GenericApplicationContext>)
                    org.springframework.beans.BeanUtils.instantiateClass(application);
            initializer.initialize(context);
            return new TreeSet<>(Set.of(context.getDefaultListableBeanFactory()
                    .getBeanNamesForType(org.springframework.cloud.function.context.FunctionRegistration.class)));
        }
    }
}
