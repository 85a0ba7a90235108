package dev.orderflow.local.runner.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.orderflow.local.infra.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local runner as its own OAuth 2.0 issuer, for development: an RS256 signing key made once and kept in the data
 * folder ({@code <data>/auth/signing-key.json}, readable by its owner only; never committed, never shipped), its
 * public half served as the JWKS on the API port, and access tokens shaped as Cognito's (sub, scope, client_id,
 * token_use) with an {@code aud} of {@link #AUDIENCE}. It signs only what a developer asks it to on this machine.
 */
public final class DevelopmentIssuer {

    /** The audience of the development issuer's tokens, and what the local gateway accepts from it. */
    public static final String AUDIENCE = "orderflow-local";

    static final String CLIENT_ID = "orderflow-local-cli";
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final String issuer;
    private final RSAKey key;

    private DevelopmentIssuer(String issuer, RSAKey key) {
        this.issuer = issuer;
        this.key = key;
    }

    /** The issuer of a runner whose API listens on {@code port}: {@code http://127.0.0.1:PORT}. */
    public static String issuerFor(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The key kept in {@code dataDir} (made there on first use), or a key of this process only when {@code dataDir} is null. */
    public static DevelopmentIssuer of(String issuer, Path dataDir) {
        return new DevelopmentIssuer(
                issuer,
                dataDir == null
                        ? generate()
                        : loadOrCreate(dataDir.resolve("auth").resolve("signing-key.json")));
    }

    public String issuer() {
        return issuer;
    }

    /** The public keys, as {@code /.well-known/jwks.json} serves them. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /** An access token for {@code subject} with {@code scopes}, valid from now for {@code ttl}. */
    public String token(String subject, List<String> scopes, Duration ttl) {
        return token(subject, scopes, ttl, CLIENT_ID);
    }

    /** An access token for {@code subject} with {@code scopes}, issued to the client {@code clientId}. */
    public String token(String subject, List<String> scopes, Duration ttl, String clientId) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(AUDIENCE)
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", String.join(" ", scopes))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build());
    }

    /** Any claims, signed with this issuer's key (tests make expired or foreign tokens with it). */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the development key", e);
        }
        return jwt.serialize();
    }

    /** The OpenID discovery document: what an authorizer reads to find the keys. */
    public Map<String, Object> discovery() {
        return Map.of(
                "issuer",
                issuer,
                "jwks_uri",
                issuer + "/.well-known/jwks.json",
                "id_token_signing_alg_values_supported",
                List.of("RS256"),
                "subject_types_supported",
                List.of("public"),
                "authorization_endpoint",
                issuer + ConsoleSignIn.AUTHORIZE_PATH,
                "token_endpoint",
                issuer + ConsoleSignIn.TOKEN_PATH,
                "response_types_supported",
                List.of("code"),
                "code_challenge_methods_supported",
                List.of("S256"));
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }

    /** Two processes may start on a fresh data folder at once (the runner, the token command): the first key written wins. */
    private static RSAKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path draft = Files.createTempFile(file.getParent(), "signing-key", ".tmp");
                try {
                    OwnerOnly.file(draft);
                    Files.writeString(draft, generate().toJSONString(), StandardCharsets.UTF_8);
                    // a hard link appears whole or not at all, and never replaces a key another process linked first
                    Files.createLink(file, draft);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                } finally {
                    Files.deleteIfExists(draft);
                }
            }
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the development signing key in " + file, e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(
                    file + " is not a signing key; delete it to make a new one (tokens signed with it stop working)",
                    e);
        }
    }
}
