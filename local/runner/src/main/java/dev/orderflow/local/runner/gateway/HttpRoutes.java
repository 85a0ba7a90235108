package dev.orderflow.local.runner.gateway;

import dev.orderflow.local.runner.template.SamTemplates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The HTTP API's routes as the services' SAM templates declare them on the platform's API: every
 * {@code AWS::ApiGatewayV2::Route}, with the function bean its integration reaches (the route's {@code Target} names
 * an integration whose {@code IntegrationUri} is a function's alias; the function's
 * {@code SPRING_CLOUD_FUNCTION_DEFINITION} names the bean). Matching follows API Gateway: routes without path
 * variables first, then the rest, then {@code $default}. Each route knows whether the API's JWT authorizer guards it
 * ({@code AuthorizationType: JWT}) and the scopes it needs ({@code AuthorizationScopes}).
 */
public final class HttpRoutes {

    public static final String DEFAULT_ROUTE = "$default";

    /**
     * One route: {@code routeKey} is what API Gateway puts in the event, e.g. {@code GET /oms/orders/{orderId}}.
     *
     * @param authorized whether a valid token is needed
     * @param scopes     of which the token needs one (empty: any valid token)
     */
    public record Route(
            String method,
            String pathTemplate,
            String function,
            Pattern pattern,
            List<String> variables,
            boolean authorized,
            List<String> scopes) {

        public String routeKey() {
            return pathTemplate == null ? DEFAULT_ROUTE : method + " " + pathTemplate;
        }
    }

    /** A matched route and the values of its path variables. */
    record Match(Route route, Map<String, String> pathParameters) {}

    private final List<Route> routes;
    private final Route defaultRoute;

    private HttpRoutes(List<Route> routes, Route defaultRoute) {
        this.routes = routes;
        this.defaultRoute = defaultRoute;
    }

    public static HttpRoutes fromTemplates(SamTemplates templates) {
        List<Route> routes = new ArrayList<>();
        Route defaultRoute = null;
        for (SamTemplates.Template template : templates.all()) {
            Map<String, JsonNode> functions = template.resources("AWS::Serverless::Function");
            Map<String, JsonNode> integrations = template.resources("AWS::ApiGatewayV2::Integration");
            for (Map.Entry<String, JsonNode> resource :
                    template.resources("AWS::ApiGatewayV2::Route").entrySet()) {
                JsonNode properties = resource.getValue().path("Properties");
                String function = function(
                        template, resource.getKey(), properties.path("Target").asString(""), integrations, functions);
                boolean authorized =
                        "JWT".equals(properties.path("AuthorizationType").asString("NONE"));
                List<String> scopes = new ArrayList<>();
                properties.path("AuthorizationScopes").forEach(scope -> scopes.add(scope.asString()));
                String routeKey = properties.path("RouteKey").asString();
                if (DEFAULT_ROUTE.equals(routeKey)) {
                    defaultRoute = new Route("ANY", null, function, null, List.of(), authorized, List.copyOf(scopes));
                } else {
                    String[] parts = routeKey.split(" ", 2);
                    routes.add(route(
                            parts[0].toUpperCase(Locale.ROOT), parts[1], function, authorized, List.copyOf(scopes)));
                }
            }
        }
        // literal paths win over paths with variables, as in API Gateway
        routes.sort(Comparator.comparing((Route r) -> !r.variables().isEmpty())
                .thenComparing(r -> -r.pathTemplate().length()));
        return new HttpRoutes(List.copyOf(routes), defaultRoute);
    }

    /** The function bean a route's target reaches: {@code integrations/${X}}, X's {@code IntegrationUri} the alias of a function. */
    private static String function(
            SamTemplates.Template template,
            String route,
            String target,
            Map<String, JsonNode> integrations,
            Map<String, JsonNode> functions) {
        String integration = target.replaceFirst("^integrations/\\$\\{(.+)}$", "$1");
        String uri = integrations
                .getOrDefault(integration, MissingNode.getInstance())
                .path("Properties")
                .path("IntegrationUri")
                .asString("");
        String functionId = uri.replaceFirst("\\.Alias$", "");
        String definition = functions
                .getOrDefault(functionId, MissingNode.getInstance())
                .path("Properties")
                .path("Environment")
                .path("Variables")
                .path("SPRING_CLOUD_FUNCTION_DEFINITION")
                .asString(null);
        if (definition == null) {
            throw new IllegalStateException(template.location() + ": route " + route
                    + " reaches no function with a SPRING_CLOUD_FUNCTION_DEFINITION (" + target + ")");
        }
        return definition;
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

    /** The routes as the {@code $default} route's function takes them ({@code API_ROUTES}): {@code METHOD /path, ...}. */
    public String spec() {
        return routes.stream().map(Route::routeKey).sorted().collect(Collectors.joining(", "));
    }

    public List<Route> all() {
        List<Route> all = new ArrayList<>(routes);
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
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
        return new Route(
                method, path, function, Pattern.compile(regex.toString()), List.copyOf(variables), authorized, scopes);
    }
}
