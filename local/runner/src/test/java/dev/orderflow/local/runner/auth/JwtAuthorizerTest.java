package dev.orderflow.local.runner.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The local gateway's JWT authorizer refuses what API Gateway's refuses, and says why as API Gateway does. */
class JwtAuthorizerTest {

    private static final String ISSUER = "http://127.0.0.1:8080";
    private static final List<String> ORDER_SCOPES = List.of("orderflow/orders", "orderflow/orders:admin");

    private final DevelopmentIssuer issuer = DevelopmentIssuer.of(ISSUER, null);
    private final JwtAuthorizer authorizer =
            new JwtAuthorizer(ISSUER, List.of(DevelopmentIssuer.AUDIENCE), new ImmutableJWKSet<>(issuer.publicKeys()));

    @Test
    void aValidTokenPassesItsClaimsAsApiGatewayRendersThem() throws Exception {
        String token = issuer.token("alice", List.of("openid", "orderflow/orders"), Duration.ofMinutes(5));

        JwtAuthorizer.Verified verified = authorizer.authorize("Bearer " + token, ORDER_SCOPES);

        assertThat(verified.claims())
                .containsEntry("sub", "alice")
                .containsEntry("scope", "openid orderflow/orders")
                .containsEntry("iss", ISSUER)
                .containsEntry("aud", DevelopmentIssuer.AUDIENCE);
        assertThat(verified.claims().get("exp")).matches("[0-9]+");
        assertThat(verified.scopes()).containsExactly("openid", "orderflow/orders");
        // the Bearer prefix is optional, as for API Gateway; a route without scopes gets scopes: null
        assertThat(authorizer.authorize(token, List.of()).scopes()).isNull();
    }

    @Test
    void aMissingTokenIs401WithoutAnErrorCode() {
        assertDenied(null, 401, "Bearer");
        assertDenied("  ", 401, "Bearer");
    }

    @Test
    void anExpiredTokenIs401() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        assertInvalid(
                claims().issueTime(Date.from(longAgo))
                        .notBeforeTime(Date.from(longAgo))
                        .expirationTime(Date.from(
                                Instant.now().minus(JwtAuthorizer.LEEWAY).minusSeconds(5))),
                "the token has expired");
    }

    @Test
    void aTokenNotValidYetIs401() {
        assertInvalid(
                claims().notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))),
                "the token is not valid yet");
        assertInvalid(
                claims().issueTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))),
                "the token was issued in the future");
    }

    @Test
    void aTokenWithinTheLeewayPasses() throws Exception {
        Instant now = Instant.now();
        String token = issuer.sign(claims().expirationTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.plusSeconds(5)))
                .build());

        assertThat(authorizer.authorize(token, ORDER_SCOPES).claims()).containsEntry("sub", "alice");
    }

    @Test
    void aTokenOfAnotherIssuerIs401() {
        assertInvalid(claims().issuer("https://evil.example"), "the token does not have a valid issuer");
        // the same key, but a token minted for another runner's port
        assertInvalid(claims().issuer("http://127.0.0.1:9090"), "the token does not have a valid issuer");
    }

    @Test
    void aTokenForAnotherAudienceIs401AndClientIdCountsOnlyWithoutAud() throws Exception {
        assertInvalid(claims().audience("another-api"), "the token does not have a valid audience");
        assertInvalid(
                claims().audience((String) null).claim("client_id", "another-client"),
                "the token does not have a valid audience");
        // Cognito access tokens have no aud: their client_id is checked instead
        String cognitoShaped = issuer.sign(claims().audience((String) null)
                .claim("client_id", DevelopmentIssuer.AUDIENCE)
                .build());
        assertThat(authorizer.authorize(cognitoShaped, ORDER_SCOPES).claims())
                .containsEntry("client_id", DevelopmentIssuer.AUDIENCE);
    }

    @Test
    void aTamperedTokenIs401() {
        String[] parts = issuer.token("alice", List.of("orderflow/orders"), Duration.ofMinutes(5))
                .split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"bob\"");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        assertDenied(tampered, 401, invalid("the token's signature does not verify with the issuer's keys"));
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        String foreign =
                DevelopmentIssuer.of(ISSUER, null).token("alice", List.of("orderflow/orders"), Duration.ofMinutes(5));

        assertDenied(foreign, 401, invalid("no key of the issuer matches the token's kid"));
    }

    @Test
    void anUnsignedTokenIs401() {
        String none = new PlainJWT(claims().build()).serialize();

        assertDenied(none, 401, invalid("signing method none is invalid"));
    }

    @Test
    void anHmacTokenSignedWithThePublicKeyIs401() throws Exception {
        // the classic confusion: HS256 keyed with the issuer's public key, which anyone can fetch
        byte[] publicKey =
                issuer.publicKeys().getKeys().get(0).toRSAKey().toRSAPublicKey().getEncoded();
        SignedJWT hmac = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(issuer.publicKeys().getKeys().get(0).getKeyID())
                        .build(),
                claims().build());
        hmac.sign(new MACSigner(publicKey));

        assertDenied(hmac.serialize(), 401, invalid("signing method HS256 is invalid"));
    }

    @Test
    void garbageIs401() {
        assertDenied("Bearer not-a-jwt", 401, invalid("the token is not a valid JWT"));
    }

    @Test
    void nothingOfTheTokenReachesTheAnswerHeader() {
        // the attack: an alg with a quote, or a line break, to add or split header fields
        for (String alg : List.of("X\" error=\"spoofed", "X\r\nSet-Cookie: a=b", "RS256\n", "\u202Eevil", "")) {
            String header = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("alg", alg, "kid", "k"))
                            .getBytes(StandardCharsets.UTF_8));
            String token = header + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString("{}".getBytes(StandardCharsets.UTF_8))
                    + ".c2ln";

            assertThatThrownBy(() -> authorizer.authorize("Bearer " + token, ORDER_SCOPES))
                    .isInstanceOfSatisfying(
                            JwtAuthorizer.Denied.class,
                            denied -> assertThat(denied.wwwAuthenticate)
                                    .as(alg)
                                    .isIn(
                                            invalid("the token's signing method is invalid"),
                                            invalid("the token is not a valid JWT")));
        }
    }

    @Test
    void anyMalformedTokenIsRefusedWithAFixedTextNeverAnException() {
        String valid = issuer.token("alice", List.of("orderflow/orders"), Duration.ofMinutes(5));
        String[] parts = valid.split("\\.");
        Random random = new Random(21);
        String alphabet = "\"\\{}[]:,.\r\n\t =aZ09-_+/\u0000\u00e9\u202e";
        Pattern fixedText =
                Pattern.compile("Bearer( scope=\"\" error=\"invalid_token\" error_description=\"[a-zA-Z0-9' ]+\")?");
        for (int i = 0; i < 2_000; i++) {
            String[] mutated = parts.clone();
            int part = random.nextInt(3);
            StringBuilder noise = new StringBuilder();
            for (int c = random.nextInt(40); c > 0; c--) {
                noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            // a part replaced by noise, or by noise encoded as base64url (so that it decodes to hostile JSON)
            mutated[part] = random.nextBoolean()
                    ? noise.toString()
                    : Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(noise.toString().getBytes(StandardCharsets.UTF_8));
            String token = String.join(".", mutated);

            assertThatThrownBy(() -> authorizer.authorize("Bearer " + token, ORDER_SCOPES))
                    .as(token)
                    .isInstanceOfSatisfying(JwtAuthorizer.Denied.class, denied -> {
                        assertThat(denied.status).isEqualTo(401);
                        assertThat(denied.wwwAuthenticate).matches(fixedText);
                    });
        }
    }

    @Test
    void aTokenWithoutAnyOfTheRoutesScopesIs403() {
        String warehouse = issuer.token("warehouse", List.of("orderflow/inventory:write"), Duration.ofMinutes(5));

        assertDenied(
                warehouse,
                403,
                "Bearer scope=\"orderflow/orders orderflow/orders:admin\" error=\"insufficient_scope\" "
                        + "error_description=\"expected scopes: [orderflow/orders, orderflow/orders:admin]\"");
    }

    @Test
    void anExternalIssuersKeysAreFoundThroughItsDiscoveryDocument() throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String external = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/shop";
        DevelopmentIssuer idp = DevelopmentIssuer.of(external, null);
        serve(
                server,
                "/realms/shop/.well-known/openid-configuration",
                "{\"issuer\":\"" + external + "\",\"jwks_uri\":\"" + external + "/certs\"}");
        serve(server, "/realms/shop/certs", idp.publicKeys().toString());
        server.start();
        try {
            JwtAuthorizer trusting = JwtAuthorizer.discover(external, List.of("storefront"));
            String token = idp.sign(new JWTClaimsSet.Builder()
                    .issuer(external)
                    .subject("carol")
                    .audience("storefront")
                    .claim("scp", List.of("orderflow/orders"))
                    .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                    .build());

            assertThat(trusting.authorize("Bearer " + token, ORDER_SCOPES).claims())
                    .containsEntry("sub", "carol")
                    .containsEntry("scp", "[orderflow/orders]");
            assertThatThrownBy(() -> trusting.authorize(
                            "Bearer " + issuer.token("carol", List.of("orderflow/orders"), Duration.ofMinutes(1)),
                            ORDER_SCOPES))
                    .isInstanceOf(JwtAuthorizer.Denied.class);
        } finally {
            server.stop(0);
        }
        assertThatThrownBy(() -> JwtAuthorizer.discover(external, List.of("storefront")))
                .hasMessageStartingWith("--jwt-issuer: cannot read " + external);
    }

    private static void serve(com.sun.net.httpserver.HttpServer server, String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("alice")
                .audience(DevelopmentIssuer.AUDIENCE)
                .claim("scope", "orderflow/orders")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    private void assertInvalid(JWTClaimsSet.Builder claims, String description) {
        assertDenied(issuer.sign(claims.build()), 401, invalid(description));
    }

    private static String invalid(String description) {
        return "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"";
    }

    private void assertDenied(String token, int status, String wwwAuthenticate) {
        assertThatThrownBy(() -> authorizer.authorize(
                        token == null ? null : token.startsWith("Bearer") ? token : "Bearer " + token, ORDER_SCOPES))
                .isInstanceOfSatisfying(JwtAuthorizer.Denied.class, denied -> {
                    assertThat(denied.status).isEqualTo(status);
                    assertThat(denied.wwwAuthenticate).isEqualTo(wwwAuthenticate);
                });
    }
}
