package dev.orderflow.local.runner;

import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code local-runner token --user USER [--scope SCOPE ...] [--ttl DURATION] [--http-port=N] [--data-dir=DIR]}: prints an
 * access token of the runner's development issuer, signed with the key in the data folder (made there if the runner
 * has not run yet). Without {@code --scope} the token is a customer's ({@code orderflow/orders}); the port and the data
 * folder must be the runner's, as the issuer's name holds the port.
 */
final class TokenCommand {

    public static final String USAGE = """
            usage: local-runner token --user USER [--scope SCOPE ...] [--ttl DURATION] [--http-port=N] [--data-dir=DIR]
              --user USER     the token's subject: the customer, or the back-office client
              --scope SCOPE   repeatable (default orderflow/orders): orderflow/orders (a customer),
                              orderflow/orders:admin (the back office), orderflow/inventory:write (the warehouse)
              --ttl DURATION  how long it is valid: PT1H, 3600s or 3600 (default PT1H)
              --http-port=N, --data-dir=DIR   as given to the runner (defaults 8080, .data)
            """;

    private TokenCommand() {}

    /** The token for {@code args} (those after {@code token}); IllegalArgumentException with the usage when they are wrong. */
    public static String run(List<String> args) {
        String user = null;
        List<String> scopes = new ArrayList<>();
        Duration ttl = DevelopmentIssuer.DEFAULT_TTL;
        List<String> runnerOptions = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = arg.contains("=");
            switch (name) {
                case "--user", "--scope", "--ttl" -> {
                    String value =
                            inline ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(++i) : null);
                    if (value == null || value.isBlank()) {
                        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
                    }
                    switch (name) {
                        case "--user" -> user = value;
                        case "--scope" -> scopes.add(value);
                        default -> ttl = LocalSettings.duration("--ttl", value);
                    }
                }
                case "--http-port", "--data-dir", "--http-host" -> runnerOptions.add(arg);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (user == null) {
            throw new IllegalArgumentException("--user is required\n" + USAGE);
        }
        LocalSettings settings = LocalSettings.parse(runnerOptions.toArray(String[]::new));
        if (settings.httpPort() == 0) {
            throw new IllegalArgumentException(
                    "--http-port=0 picks a port at random: give the port the runner printed");
        }
        DevelopmentIssuer issuer =
                DevelopmentIssuer.of(DevelopmentIssuer.issuerFor(settings.httpPort()), settings.dataDir());
        return issuer.token(user, scopes.isEmpty() ? List.of("orderflow/orders") : scopes, ttl);
    }
}
