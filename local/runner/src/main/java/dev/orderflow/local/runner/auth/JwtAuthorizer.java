package dev.orderflow.local.runner.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * API Gateway's JWT authorizer, locally, as its developer guide describes it: the token from {@code Authorization}
 * (with or without {@code Bearer}); a signature by a key of the issuer's JWKS, found by {@code kid}, with RS256,
 * RS384 or RS512 only (so {@code alg: none} and an HMAC signed with the public key are refused); {@code iss} exactly
 * the issuer; {@code aud}, or {@code client_id} when there is no {@code aud}, one of the audiences; {@code exp},
 * {@code nbf} and {@code iat} against the clock, with {@link #LEEWAY}; and, when the route names scopes, at least one
 * of them in {@code scope} or {@code scp}. The verified claims reach the function as API Gateway renders them: every
 * value as text, arrays as {@code [a b]}.
 */
public final class JwtAuthorizer {

    /** How far apart the issuer's clock and ours may be. */
    static final Duration LEEWAY = Duration.ofSeconds(30);

    /** What API Gateway puts at {@code requestContext.authorizer.jwt}. */
    public record Verified(Map<String, String> claims, List<String> scopes) {}

    /** A refused request: 401 (no valid token) or 403 (no scope of the route), with the {@code www-authenticate} value. */
    public static final class Denied extends Exception {

        public final int status;
        public final String wwwAuthenticate;

        private Denied(int status, String wwwAuthenticate) {
            super(wwwAuthenticate, null, false, false);
            this.status = status;
            this.wwwAuthenticate = wwwAuthenticate;
        }

        static Denied invalid(String description) {
            return new Denied(
                    401, "Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    private static final Set<JWSAlgorithm> KNOWN_ALGORITHMS = Set.copyOf(Stream.of(
                    JWSAlgorithm.Family.HMAC_SHA,
                    JWSAlgorithm.Family.RSA,
                    JWSAlgorithm.Family.EC,
                    JWSAlgorithm.Family.ED)
            .flatMap(Collection::stream)
            .toList());

    private final String issuer;
    private final List<String> audiences;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtAuthorizer(String issuer, List<String> audiences, JWKSource<SecurityContext> keys) {
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
        // plain JWTs and access tokens per RFC 9068 (typ at+jwt); Cognito's carry no typ
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(
                null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), null);
        claims.setMaxClockSkew((int) LEEWAY.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** An authorizer for an external issuer: its keys are found as API Gateway finds them, through its discovery document. */
    public static JwtAuthorizer discover(String issuer, List<String> audiences) {
        String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(discovery))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("--jwt-issuer: " + discovery + " answered " + response.statusCode());
            }
            String jwksUri = JSON.readTree(response.body()).path("jwks_uri").asString(null);
            if (jwksUri == null) {
                throw new IllegalArgumentException("--jwt-issuer: " + discovery + " names no jwks_uri");
            }
            return new JwtAuthorizer(
                    issuer,
                    audiences,
                    JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUri).toURL())
                            .build());
        } catch (IOException e) {
            throw new IllegalArgumentException("--jwt-issuer: cannot read " + discovery + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param routeScopes   the route's {@code AuthorizationScopes}; empty: any valid token
     */
    public Verified authorize(String authorization, List<String> routeScopes) throws Denied {
        try {
            return authorizeToken(tokenOf(authorization), routeScopes);
        } catch (RuntimeException e) {
            // a token the JOSE library could not even take apart: refused like any other malformed token
            throw Denied.invalid("the token is not a valid JWT");
        }
    }

    private Verified authorizeToken(String token, List<String> routeScopes) throws Denied {
        if (token.isEmpty()) {
            throw new Denied(401, "Bearer");
        }
        JWTClaimsSet claims = verify(parse(token));
        checkAudience(claims);
        if (claims.getIssueTime() != null
                && claims.getIssueTime().toInstant().isAfter(Instant.now().plus(LEEWAY))) {
            throw Denied.invalid("the token was issued in the future");
        }
        List<String> scopes = scopes(claims);
        if (!routeScopes.isEmpty() && routeScopes.stream().noneMatch(scopes::contains)) {
            throw new Denied(
                    403,
                    "Bearer scope=\"" + String.join(" ", routeScopes)
                            + "\" error=\"insufficient_scope\" error_description=\"expected scopes: " + routeScopes
                            + "\"");
        }
        return new Verified(rendered(claims), routeScopes.isEmpty() ? null : scopes);
    }

    /** The token of an {@code Authorization} value, which may or may not start with {@code Bearer}; empty when there is none. */
    public static String tokenOf(String authorization) {
        return authorization == null ? "" : authorization.strip().replaceFirst("(?i)^Bearer(\\s+|$)", "");
    }

    private static SignedJWT parse(String token) throws Denied {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw Denied.invalid("the token is not a valid JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw Denied.invalid("signing method none is invalid");
        }
        if (jwt instanceof EncryptedJWT || !(jwt instanceof SignedJWT signed)) {
            throw Denied.invalid("encrypted tokens are not accepted");
        }
        if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            // named as API Gateway names it only when it is a registered algorithm: nothing of the token's own text
            // reaches the header
            JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
            throw Denied.invalid(
                    KNOWN_ALGORITHMS.contains(algorithm)
                            ? "signing method " + algorithm.getName() + " is invalid"
                            : "the token's signing method is invalid");
        }
        if (signed.getHeader().getKeyID() == null) {
            throw Denied.invalid("the token has no kid");
        }
        return signed;
    }

    private JWTClaimsSet verify(SignedJWT jwt) throws Denied {
        try {
            return processor.process(jwt, null);
        } catch (BadJWSException e) {
            throw Denied.invalid("the token's signature does not verify with the issuer's keys");
        } catch (BadJWTException e) {
            String problem = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (problem.contains("expired")) {
                throw Denied.invalid("the token has expired");
            }
            if (problem.contains("before use time")) {
                throw Denied.invalid("the token is not valid yet");
            }
            if (problem.contains("iss")) {
                throw Denied.invalid("the token does not have a valid issuer");
            }
            throw Denied.invalid("the token is not valid");
        } catch (BadJOSEException e) {
            if (String.valueOf(e.getMessage()).contains("no matching key")) {
                throw Denied.invalid("no key of the issuer matches the token's kid");
            }
            throw Denied.invalid("the token is not valid");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw Denied.invalid("the issuer's keys could not be read");
        }
    }

    /** {@code aud} when the token has one, else {@code client_id} (Cognito access tokens), as API Gateway evaluates them. */
    private void checkAudience(JWTClaimsSet claims) throws Denied {
        List<String> aud = claims.getAudience();
        Object clientId = claims.getClaim("client_id");
        boolean valid = aud != null && !aud.isEmpty()
                ? aud.stream().anyMatch(audiences::contains)
                : clientId instanceof String id && audiences.contains(id);
        if (!valid) {
            throw Denied.invalid("the token does not have a valid audience");
        }
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        List<String> scopes = new ArrayList<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String text) {
                scopes.addAll(List.of(text.strip().split("\\s+")));
            } else if (value instanceof List<?> list) {
                list.forEach(scope -> scopes.add(String.valueOf(scope)));
            }
        }
        scopes.removeIf(String::isEmpty);
        return scopes;
    }

    /** Every claim as text, as API Gateway hands them over: numbers as digits, arrays as {@code [a b]}, nulls left out. */
    public static Map<String, String> rendered(JWTClaimsSet claims) {
        Map<String, String> rendered = new LinkedHashMap<>();
        claims.toPayload().toJSONObject().forEach((name, value) -> {
            if (value instanceof List<?> list) {
                rendered.put(
                        name,
                        "["
                                + String.join(
                                        " ", list.stream().map(String::valueOf).toList()) + "]");
            } else if (value instanceof Map<?, ?>) {
                rendered.put(name, JSON.writeValueAsString(value));
            } else if (value != null) {
                rendered.put(name, String.valueOf(value));
            }
        });
        return rendered;
    }
}
