package dev.orderflow.local.runner;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.orderflow.local.runner.auth.ConsoleSignIn;
import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import dev.orderflow.local.runner.auth.JwtAuthorizer;
import dev.orderflow.local.runner.gateway.GatewayAuthorization;
import dev.orderflow.local.runner.gateway.HttpRoutes;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's authorizer, as the options ask for it: the runner's own development issuer unless {@code --jwt-issuer}
 * names another, nothing at all with {@code --auth=off} (said loudly).
 *
 * @param issuer the runner's own issuer, which signs the {@code token} command's tokens; null with --jwt-issuer
 */
record PlatformAuth(GatewayAuthorization authorization, DevelopmentIssuer issuer, boolean enabled) {

    private static final Logger log = LoggerFactory.getLogger(PlatformAuth.class);

    static PlatformAuth of(LocalSettings.Auth auth, HttpRoutes routes, int httpPort, Path dataDir) {
        DevelopmentIssuer issuer =
                auth.issuer() == null ? DevelopmentIssuer.of(DevelopmentIssuer.issuerFor(httpPort), dataDir) : null;
        if (!auth.enabled()) {
            offBanner();
            return new PlatformAuth(GatewayAuthorization.off(routes), issuer, false);
        }
        JwtAuthorizer authorizer = issuer != null
                ? new JwtAuthorizer(issuer.issuer(), auth.audiences(), new ImmutableJWKSet<>(issuer.publicKeys()))
                : JwtAuthorizer.discover(auth.issuer(), auth.audiences());
        return new PlatformAuth(GatewayAuthorization.verifying(authorizer), issuer, true);
    }

    /** The development issuer's sign-in page for the console; null when tokens come from elsewhere or auth is off. */
    ConsoleSignIn consoleSignIn(int httpPort) {
        return enabled && issuer != null ? new ConsoleSignIn(issuer, httpPort, Clock.systemUTC()) : null;
    }

    /** What {@code /console-config.json} tells the console: where to sign in, or that no sign-in is needed or offered. */
    String consoleConfig() {
        if (!enabled) {
            return "{\"auth\":\"off\"}";
        }
        if (issuer == null) {
            return "{}";
        }
        return "{\"authorizeUrl\":\"" + ConsoleSignIn.AUTHORIZE_PATH + "\",\"tokenUrl\":\"" + ConsoleSignIn.TOKEN_PATH
                + "\",\"clientId\":\"" + ConsoleSignIn.CLIENT_ID
                + "\",\"scopes\":\"orderflow/orders:admin orderflow/inventory:write\","
                + "\"issuerName\":\"the local runner's development sign-in page\"}";
    }

    static void offBanner() {
        log.warn("**************************************************************************************************");
        log.warn(
                "AUTH IS OFF (--auth=off): no token is checked; a request without one acts as {} with every scope.",
                GatewayAuthorization.DEVELOPER);
        log.warn("Anyone who reaches this port may read and change every order. For experiments on this machine only.");
        log.warn("**************************************************************************************************");
    }
}
