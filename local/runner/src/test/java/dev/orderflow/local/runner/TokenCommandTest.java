package dev.orderflow.local.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.auth.JwtAuthorizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @TempDir
    Path data;

    @Test
    void printsATokenTheRunnerOnThatPortAndDataFolderAccepts() throws Exception {
        String token = TokenCommand.run(List.of(
                "--user", "alice", "--scope", "orderflow/orders:admin", "--http-port=9191", "--data-dir=" + data));

        DevelopmentIssuer runners = DevelopmentIssuer.of(DevelopmentIssuer.issuerFor(9191), data);
        var authorizer = new JwtAuthorizer(
                runners.issuer(), List.of(DevelopmentIssuer.AUDIENCE), new ImmutableJWKSet<>(runners.publicKeys()));
        JwtAuthorizer.Verified verified =
                authorizer.authorize("Bearer " + token, List.of("orderflow/orders", "orderflow/orders:admin"));
        assertThat(verified.claims()).containsEntry("sub", "alice").containsEntry("scope", "orderflow/orders:admin");
    }

    @Test
    void theSigningKeyIsMadeOnceAndReadableByItsOwnerOnly() throws Exception {
        TokenCommand.run(List.of("--user", "alice", "--data-dir=" + data));
        Path key = data.resolve("auth").resolve("signing-key.json");
        String first = Files.readString(key);

        TokenCommand.run(List.of("--user=bob", "--data-dir=" + data));

        assertThat(Files.readString(key)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(DevelopmentIssuer.of("x", data).publicKeys().toString()).doesNotContain("\"d\"");
    }

    @Test
    void aCustomersTokenByDefaultAndClearErrorsOtherwise() throws Exception {
        String token = TokenCommand.run(List.of("--user", "alice", "--data-dir=" + data));

        assertThat(com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("orderflow/orders");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--scope", "x")))
                .hasMessageStartingWith("--user is required");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user"))).hasMessageStartingWith("--user needs a value");
        assertThatThrownBy(() -> TokenCommand.run(List.of("--user", "a", "--kafka-port=1")))
                .hasMessageStartingWith("unknown option --kafka-port=1");
    }
}
