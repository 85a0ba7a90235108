package dev.orderflow.lambda.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The routes of the HTTP API ({@code METHOD /path/{variable}}, comma-separated, as the template gives them to the
 * {@code $default} route's function in {@code API_ROUTES}), so that a request no route matched can be told apart:
 * a known path with another method is 405 with {@code Allow}, anything else 404.
 */
public final class RouteTable {

    private record Route(String method, String[] segments) {}

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    /** @param spec e.g. {@code "GET /oms/orders,POST /oms/orders,GET /oms/orders/{orderId}"}; blank for none */
    public static RouteTable parse(String spec) {
        List<Route> routes = new ArrayList<>();
        if (spec != null) {
            for (String route : spec.split(",")) {
                String[] parts = route.strip().split("\\s+");
                if (parts.length == 2) {
                    routes.add(new Route(parts[0].toUpperCase(Locale.ROOT), segments(parts[1])));
                } else if (!route.isBlank()) {
                    throw new IllegalArgumentException("API_ROUTES: '" + route.strip() + "' is not METHOD /path");
                }
            }
        }
        return new RouteTable(List.copyOf(routes));
    }

    /** The methods of the routes whose path matches {@code rawPath}, sorted; empty when no route has this path. */
    public List<String> methodsFor(String rawPath) {
        String[] path = segments(rawPath == null ? "" : rawPath);
        var methods = new TreeSet<String>();
        for (Route route : routes) {
            if (matches(route.segments(), path)) {
                methods.add(route.method());
            }
        }
        return List.copyOf(methods);
    }

    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean variable = template[i].startsWith("{") && template[i].endsWith("}");
            if (variable ? path[i].isEmpty() : !template[i].equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }
}
