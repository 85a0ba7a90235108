package dev.orderflow.local.runner.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The HTTP API's routes as the SAM template declares them: every {@code HttpApi} event of every
 * {@code AWS::Serverless::Function}, with the function bean its {@code SPRING_CLOUD_FUNCTION_DEFINITION}
 * names. An event without Path and Method is API Gateway's {@code $default} route. Matching follows API
 * Gateway: routes without path variables first, then the rest, then {@code $default}. Each route knows whether the
 * API's JWT authorizer guards it (the {@code DefaultAuthorizer} unless its event says {@code Authorizer: NONE}) and the
 * scopes it needs ({@code AuthorizationScopes}).
 */
public final class HttpRoutes {

    public static final String DEFAULT_ROUTE = "$default";

    /**
     * One route: {@code routeKey} is what API Gateway puts in the event, e.g. {@code GET /oms/orders/{orderId}}.
     *
     * @param authorized whether a valid token is needed
     * @param scopes     of which the token needs one (empty: any valid token)
     */
    public record Route(String method, String pathTemplate, String function, Pattern pattern, List<String> variables, boolean authorized,
            List<String> scopes) {

        public String routeKey() {
            return pathTemplate == null ? DEFAULT_ROUTE : method + " " + pathTemplate;
        }
    }

    /** A matched route and the values of its path variables. */
    record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes;
    private final Route defaultRoute;
    private final Map<String, String> mainClasses;

    private HttpRoutes(List<Route> routes, Route defaultRoute, Map<String, String> mainClasses) {
        this.routes = routes;
        this.defaultRoute = defaultRoute;
        this.mainClasses = mainClasses;
    }

    public static HttpRoutes fromTemplate(InputStream template) {
        JsonNode resources;
        try (template) {
            resources = new YAMLMapper().readTree(template).path("Resources");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SAM template", e);
        }
        List<Route> routes = new ArrayList<>();
        Route defaultRoute = null;
        Map<String, String> mainClasses = new LinkedHashMap<>();
        JsonNode apiAuth = apiAuth(resources);
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            JsonNode properties = resource.getValue().path("Properties");
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asString())) {
                continue;
            }
            String function = properties.path("Environment").path("Variables").path("SPRING_CLOUD_FUNCTION_DEFINITION").asString(null);
            String mainClass = properties.path("Environment").path("Variables").path("MAIN_CLASS").asString(null);
            if (function != null && mainClass != null) {
                mainClasses.put(function, mainClass);
            }
            for (Map.Entry<String, JsonNode> event : properties.path("Events").properties()) {
                JsonNode definition = event.getValue();
                if (!"HttpApi".equals(definition.path("Type").asString())) {
                    continue;
                }
                if (function == null) {
                    throw new IllegalStateException(resource.getKey() + " has an HttpApi event but no SPRING_CLOUD_FUNCTION_DEFINITION");
                }
                String path = definition.path("Properties").path("Path").asString(null);
                String method = definition.path("Properties").path("Method").asString("ANY").toUpperCase(java.util.Locale.ROOT);
                JsonNode auth = definition.path("Properties").path("Auth");
                String authorizer = auth.path("Authorizer").asString(apiAuth.path("DefaultAuthorizer").asString(null));
                boolean authorized = authorizer != null && !authorizer.equals("NONE");
                JsonNode scopes = auth.has("AuthorizationScopes") ? auth.get("AuthorizationScopes")
                        : authorized ? apiAuth.path("Authorizers").path(authorizer).path("AuthorizationScopes") : null;
                List<String> required = new ArrayList<>();
                if (scopes != null) {
                    scopes.forEach(scope -> required.add(scope.asString()));
                }
                if (path == null || DEFAULT_ROUTE.equals(path)) {
                    defaultRoute = new Route("ANY", null, function, null, List.of(), authorized, List.copyOf(required));
                } else {
                    routes.add(route(method, path, function, authorized, List.copyOf(required)));
                }
            }
        }
        // literal paths win over paths with variables, as in API Gateway
        routes.sort(Comparator.comparing((Route r) -> !r.variables().isEmpty()).thenComparing(r -> -r.pathTemplate().length()));
        return new HttpRoutes(List.copyOf(routes), defaultRoute, Map.copyOf(mainClasses));
    }

    Optional<Match> match(String method, String path) {
        for (Route route : routes) {
            if (!route.method().equals("ANY") && !route.method().equals(method)) {
                continue;
            }
            Matcher matcher = route.pattern().matcher(path);
            if (matcher.matches()) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < route.variables().size(); i++) {
                    parameters.put(route.variables().get(i), matcher.group(i + 1));
                }
                return Optional.of(new Match(route, parameters));
            }
        }
        return Optional.ofNullable(defaultRoute).map(route -> new Match(route, Map.of()));
    }

    /** The Spring application class of every function the template deploys ({@code MAIN_CLASS}). */
    Map<String, String> mainClasses() {
        return mainClasses;
    }

    /** The routes as the {@code $default} route's function takes them ({@code API_ROUTES}): {@code METHOD /path, ...}. */
    public String spec() {
        return routes.stream().map(Route::routeKey).sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    public List<Route> all() {
        List<Route> all = new ArrayList<>(routes);
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
    }

    /** The {@code Auth} of the template's HTTP API (its default authorizer and authorizers); missing when it has none. */
    private static JsonNode apiAuth(JsonNode resources) {
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if ("AWS::Serverless::HttpApi".equals(resource.getValue().path("Type").asString())) {
                return resource.getValue().path("Properties").path("Auth");
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    private static Route route(String method, String path, String function, boolean authorized, List<String> scopes) {
        List<String> variables = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(path);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(path.substring(last, variable.start())));
            String name = variable.group(1);
            if (name.endsWith("+")) {
                variables.add(name.substring(0, name.length() - 1));
                regex.append("(.+)");
            } else {
                variables.add(name);
                regex.append("([^/]+)");
            }
            last = variable.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return new Route(method, path, function, Pattern.compile(regex.toString()), List.copyOf(variables), authorized, scopes);
    }
}
