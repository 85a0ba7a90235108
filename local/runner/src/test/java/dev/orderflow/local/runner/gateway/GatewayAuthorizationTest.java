package dev.orderflow.local.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.auth.JwtAuthorizer;

class GatewayAuthorizationTest {

    private static final String TEMPLATE = """
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  Auth:
                    DefaultAuthorizer: Jwt
                    Authorizers:
                      Jwt: {}
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: getOrder, MAIN_CLASS: x.Order}
                  Events:
                    Get:
                      Type: HttpApi
                      Properties: {Path: '/oms/orders/{orderId}', Method: GET, Auth: {AuthorizationScopes: [orderflow/orders]}}
                    Default:
                      Type: HttpApi
                      Properties: {Auth: {Authorizer: NONE}}
              Products:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: addProduct, MAIN_CLASS: x.Inventory}
                  Events:
                    Add:
                      Type: HttpApi
                      Properties: {Path: /inventory/products, Method: POST, Auth: {AuthorizationScopes: [orderflow/inventory:write]}}
                    List:
                      Type: HttpApi
                      Properties: {Path: /inventory/products, Method: GET}
            """;

    private final HttpRoutes routes = HttpRoutes.fromTemplate(new ByteArrayInputStream(TEMPLATE.getBytes(StandardCharsets.UTF_8)));

    @Test
    void routesKnowTheirAuthorizerAndScopesFromTheTemplate() {
        assertThat(route("GET", "/oms/orders/o-1").scopes()).containsExactly("orderflow/orders");
        assertThat(route("GET", "/inventory/products").authorized()).isTrue();
        assertThat(route("GET", "/inventory/products").scopes()).isEmpty();
        assertThat(route("DELETE", "/anything").authorized()).isFalse();
    }

    @Test
    void withAuthOffARequestWithoutATokenActsAsTheDeveloperWithEveryScope() throws Exception {
        var off = GatewayAuthorization.off(routes);

        JwtAuthorizer.Verified caller = off.authorize(null, route("POST", "/inventory/products"));

        assertThat(off.verifies()).isFalse();
        assertThat(caller.claims()).containsEntry("sub", GatewayAuthorization.DEVELOPER)
                .containsEntry("scope", "orderflow/inventory:write orderflow/orders");
    }

    @Test
    void withAuthOffATokensClaimsArePassedOnUnverified() throws Exception {
        // signed by a key the gateway has never seen, for another issuer: not checked
        String token = DevelopmentIssuer.of("https://elsewhere.example", null).token("alice", List.of("orderflow/orders"), Duration.ofMinutes(1));

        JwtAuthorizer.Verified caller = GatewayAuthorization.off(routes).authorize("Bearer " + token, route("GET", "/oms/orders/o-1"));

        assertThat(caller.claims()).containsEntry("sub", "alice").containsEntry("iss", "https://elsewhere.example");
    }

    @Test
    void aRouteWithoutAnAuthorizerGetsNoCaller() throws Exception {
        assertThat(GatewayAuthorization.off(routes).authorize("Bearer x", route("DELETE", "/anything"))).isNull();
    }

    private HttpRoutes.Route route(String method, String path) {
        return routes.match(method, path).orElseThrow().route();
    }
}
