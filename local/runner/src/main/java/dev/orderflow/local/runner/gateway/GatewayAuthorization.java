package dev.orderflow.local.runner.gateway;

import com.nimbusds.jwt.JWTParser;
import dev.orderflow.local.runner.auth.JwtAuthorizer;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * The authorizer step of the local gateway, between matching a route and invoking its function: either API Gateway's
 * JWT authorizer ({@link JwtAuthorizer}, the default, as deployed), or, with {@code --auth=off}, no check at all: a
 * token's claims are passed on unverified, and a request without one acts as {@link #DEVELOPER} with every scope.
 */
public final class GatewayAuthorization {

    public static final String DEVELOPER = "local-developer";

    private final JwtAuthorizer authorizer;
    private final List<String> everyScope;

    private GatewayAuthorization(JwtAuthorizer authorizer, List<String> everyScope) {
        this.authorizer = authorizer;
        this.everyScope = everyScope;
    }

    public static GatewayAuthorization verifying(JwtAuthorizer authorizer) {
        return new GatewayAuthorization(authorizer, List.of());
    }

    public static GatewayAuthorization off(HttpRoutes routes) {
        return new GatewayAuthorization(
                null,
                routes.all().stream()
                        .flatMap(route -> route.scopes().stream())
                        .distinct()
                        .sorted()
                        .toList());
    }

    public boolean verifies() {
        return authorizer != null;
    }

    /** What the route's function is told of the caller, or null for a route without an authorizer. */
    JwtAuthorizer.Verified authorize(String authorization, HttpRoutes.Route route) throws JwtAuthorizer.Denied {
        if (!route.authorized()) {
            return null;
        }
        if (authorizer != null) {
            return authorizer.authorize(authorization, route.scopes());
        }
        String token = JwtAuthorizer.tokenOf(authorization);
        if (!token.isEmpty()) {
            try {
                return new JwtAuthorizer.Verified(
                        JwtAuthorizer.rendered(JWTParser.parse(token).getJWTClaimsSet()), null);
            } catch (ParseException e) {
                // not a JWT: treated as no token
            }
        }
        return new JwtAuthorizer.Verified(Map.of("sub", DEVELOPER, "scope", String.join(" ", everyScope)), null);
    }
}
