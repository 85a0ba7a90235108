package dev.orderflow.local.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.auth.JwtAuthorizer;
import dev.orderflow.local.runner.template.SamTemplates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayAuthorizationTest {

    private static final String TEMPLATE = """
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: getOrder, MAIN_CLASS: x.Order}
              NotFound:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: routeNotFound, MAIN_CLASS: x.Order}
              Products:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: addProduct, MAIN_CLASS: x.Inventory}
              ProductList:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: listProducts, MAIN_CLASS: x.Inventory}
              GetOrderRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties: {RouteKey: 'GET /oms/orders/{orderId}', Target: 'integrations/${OrdersIntegration}', AuthorizationType: JWT,
                  AuthorizationScopes: [orderflow/orders]}
              DefaultRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties: {RouteKey: $default, Target: 'integrations/${NotFoundIntegration}', AuthorizationType: NONE}
              AddProductRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties: {RouteKey: POST /inventory/products, Target: 'integrations/${ProductsIntegration}', AuthorizationType: JWT,
                  AuthorizationScopes: [orderflow/inventory:write]}
              ListProductsRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties: {RouteKey: GET /inventory/products, Target: 'integrations/${ProductListIntegration}', AuthorizationType: JWT}
              OrdersIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties: {IntegrationUri: Orders.Alias}
              NotFoundIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties: {IntegrationUri: NotFound.Alias}
              ProductsIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties: {IntegrationUri: Products.Alias}
              ProductListIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties: {IntegrationUri: ProductList.Alias}
            """;

    private final HttpRoutes routes = HttpRoutes.fromTemplates(SamTemplates.of(TEMPLATE));

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
        assertThat(caller.claims())
                .containsEntry("sub", GatewayAuthorization.DEVELOPER)
                .containsEntry("scope", "orderflow/inventory:write orderflow/orders");
    }

    @Test
    void withAuthOffATokensClaimsArePassedOnUnverified() throws Exception {
        // signed by a key the gateway has never seen, for another issuer: not checked
        String token = DevelopmentIssuer.of("https://elsewhere.example", null)
                .token("alice", List.of("orderflow/orders"), Duration.ofMinutes(1));

        JwtAuthorizer.Verified caller =
                GatewayAuthorization.off(routes).authorize("Bearer " + token, route("GET", "/oms/orders/o-1"));

        assertThat(caller.claims()).containsEntry("sub", "alice").containsEntry("iss", "https://elsewhere.example");
    }

    @Test
    void aRouteWithoutAnAuthorizerGetsNoCaller() throws Exception {
        assertThat(GatewayAuthorization.off(routes).authorize("Bearer x", route("DELETE", "/anything")))
                .isNull();
    }

    private HttpRoutes.Route route(String method, String path) {
        return routes.match(method, path).orElseThrow().route();
    }
}
