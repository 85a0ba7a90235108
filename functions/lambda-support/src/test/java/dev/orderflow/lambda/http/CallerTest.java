package dev.orderflow.lambda.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void scopesComeFromTheScopeClaimAsApiGatewayRendersIt() {
        assertThat(Caller.of(event(Map.of("sub", "u", "scope", "openid orderflow/orders"), null))
                        .orElseThrow()
                        .scopes())
                .containsExactlyInAnyOrder("openid", "orderflow/orders");
        // a JSON array claim reaches the function as "[a b]"; Okta and Entra ID name it scp
        assertThat(Caller.of(event(Map.of("sub", "u", "scp", "[orderflow/orders orderflow/orders:admin]"), null))
                        .orElseThrow()
                        .scopes())
                .containsExactlyInAnyOrder("orderflow/orders", "orderflow/orders:admin");
    }

    @Test
    void scopesApiGatewayListsAreTakenToo() {
        Caller caller = Caller.of(event(Map.of("sub", "u"), List.of("orderflow/inventory:write")))
                .orElseThrow();

        assertThat(caller.hasAnyScope("orderflow/orders", "orderflow/inventory:write"))
                .isTrue();
        assertThat(caller.hasAnyScope("orderflow/orders")).isFalse();
    }

    @Test
    void onlyAnAccessTokenNamesACallerWhereTheTokenSaysWhatItIs() {
        assertThat(Caller.of(event(Map.of("sub", "u", "token_use", "id", "scope", "orderflow/orders"), null)))
                .isEmpty();
        assertThat(Caller.of(event(Map.of("sub", "u", "token_use", "access"), null)))
                .isPresent();
        assertThat(Caller.of(event(Map.of("sub", "u"), null)))
                .as("issuers without token_use")
                .isPresent();
    }

    @Test
    void noSubjectMeansNoCaller() {
        assertThat(Caller.of(event(Map.of("scope", "orderflow/orders"), null))).isEmpty();
        assertThat(Caller.of(event(Map.of("sub", " "), null))).isEmpty();
        assertThat(Caller.of(APIGatewayV2HTTPEvent.builder()
                        .withRequestContext(
                                APIGatewayV2HTTPEvent.RequestContext.builder().build())
                        .build()))
                .isEmpty();
    }

    private static APIGatewayV2HTTPEvent event(Map<String, String> claims, List<String> scopes) {
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT(claims, scopes);
        var authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(jwt)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(authorizer)
                        .build())
                .build();
    }
}
