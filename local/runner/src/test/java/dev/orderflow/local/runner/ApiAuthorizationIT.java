package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local system refuses what the deployed one refuses: the gateway's JWT authorizer before any function runs
 * (API Gateway's 401 and 403), the functions' own rules behind it (a customer sees only their own orders), and the
 * runner serving its issuer's keys.
 */
@SharedSystem.OnIt
class ApiAuthorizationIT {

    private static LocalSystem system;
    private static Api backOffice;

    @BeforeAll
    static void useTheSharedSystem(LocalSystem shared) {
        system = shared;
        backOffice = new Api(system);
    }

    @Test
    void aRequestWithoutATokenIsRefusedBeforeAnyFunctionRuns() {
        String user = "user-" + UUID.randomUUID();

        Api.Reply reply = backOffice.withToken(null).post("/oms/orders", order(user));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().toString()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
        assertThat(ordersOf(user)).isEmpty();
    }

    @Test
    void anExpiredTokenIs401AndTheHeaderSaysWhy() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = system.issuer()
                .sign(new JWTClaimsSet.Builder()
                        .issuer(system.issuer().issuer())
                        .subject("alice")
                        .audience(DevelopmentIssuer.AUDIENCE)
                        .claim("scope", "orderflow/orders")
                        .issueTime(Date.from(past))
                        .expirationTime(Date.from(past.plus(Duration.ofHours(1))))
                        .build());

        Api.Reply reply = backOffice.withToken(expired).get("/oms/orders");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("www-authenticate"))
                .isEqualTo("Bearer scope=\"\" error=\"invalid_token\" error_description=\"the token has expired\"");
    }

    @Test
    void aCustomerTokenCannotWriteProducts() {
        String id = "sku-" + UUID.randomUUID();

        Api.Reply reply =
                backOffice.as("alice").post("/inventory/products", "{\"productId\":\"" + id + "\",\"quantity\":5}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().toString()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(reply.header("www-authenticate")).contains("error=\"insufficient_scope\"");
        assertThat(backOffice.get("/inventory/products/" + id).status()).isEqualTo(404);
        // reading products needs a valid token, and no scope
        assertThat(backOffice.as("alice").get("/inventory/products").status()).isEqualTo(200);
    }

    @Test
    void aCustomerSeesPlacesAndListsOnlyTheirOwnOrders() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String alicesOrder = backOffice.placeOrder(alice, "sku-1", 1);

        Api.Reply bobReads = backOffice.as(bob).get("/oms/orders/" + alicesOrder);
        Api.Reply bobCancels = backOffice.as(bob).put("/oms/orders/" + alicesOrder, "{\"status\":\"CANCELED\"}");
        Api.Reply bobPlacesForAlice = backOffice.as(bob).post("/oms/orders", order(alice));
        Api.Reply aliceLists = backOffice.as(alice).get("/oms/orders");

        assertThat(bobReads.status()).isEqualTo(404);
        assertThat(bobCancels.status()).isEqualTo(404);
        assertThat(bobPlacesForAlice.status()).isEqualTo(403);
        assertThat(aliceLists.data().get("orders").findValuesAsString("orderId"))
                .containsExactly(alicesOrder);
        assertThat(backOffice.as(bob).get("/oms/orders").data().get("orders")).isEmpty();
        assertThat(backOffice
                        .get("/oms/orders/" + alicesOrder)
                        .data()
                        .get("status")
                        .stringValue())
                .isNotEqualTo("CANCELED");
    }

    @Test
    void anUnknownPathIs404WhoeverAsks() {
        Api.Reply reply = backOffice.withToken(null).get("/no/such/path");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("error").stringValue()).isEqualTo("no route for GET /no/such/path");
    }

    @Test
    void theRunnerServesItsIssuersDiscoveryDocumentAndKeys() throws Exception {
        Api anyone = backOffice.withToken(null);

        Api.Reply discovery = anyone.get("/.well-known/openid-configuration");
        Api.Reply keys = anyone.get("/.well-known/jwks.json");

        assertThat(discovery.body().get("issuer").stringValue())
                .isEqualTo(system.issuer().issuer())
                .isEqualTo("http://127.0.0.1:" + system.httpPort());
        assertThat(discovery.body().get("jwks_uri").stringValue())
                .isEqualTo(system.issuer().issuer() + "/.well-known/jwks.json");
        JWKSet served = JWKSet.parse(keys.raw().body());
        assertThat(served.getKeys()).hasSize(1);
        assertThat(served.getKeys().get(0).isPrivate()).isFalse();
        assertThat(served.getKeys().get(0).getKeyID())
                .isEqualTo(system.issuer().publicKeys().getKeys().get(0).getKeyID());
    }

    private static List<String> ordersOf(String user) {
        return backOffice.get("/oms/orders?userId=" + user).data().get("orders").findValuesAsString("orderId");
    }

    private static String order(String user) {
        return "{\"userId\":\"" + user + "\",\"orderItems\":[{\"productId\":\"sku-1\",\"quantity\":1}]}";
    }
}
