package dev.orderflow.local.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run the local system. Every value has a default; flags override them.
 *
 * @param httpHost          where the API listens ({@code 127.0.0.1}; a container needs its own address)
 * @param httpPort          the API port, 0 for a free one
 * @param kafkaPort         the embedded broker's port, 0 for a free one
 * @param dynamoDbPort      the embedded DynamoDB-compatible server's port, 0 for a free one
 * @param dataDir           where Kafka and DynamoDB keep their data across restarts
 * @param inMemory          keep nothing across restarts
 * @param kafkaBootstrap    an external Kafka instead of the embedded one, or null
 * @param dynamoDbEndpoint  an external DynamoDB instead of the embedded one, or null
 * @param concurrency       how many invocations of one function may run at once (Lambda's concurrency)
 * @param redriveAfter      how long an order may stay PENDING before its event is published again
 * @param paymentHold       how long a confirmed order may wait for payment before it EXPIRES (zero: no hold)
 * @param auth              how the gateway checks tokens
 */
public record LocalSettings(String httpHost, int httpPort, int kafkaPort, int dynamoDbPort, Path dataDir,
        boolean inMemory, String kafkaBootstrap, String dynamoDbEndpoint, int concurrency, java.time.Duration redriveAfter,
        java.time.Duration paymentHold, Auth auth) {

    /**
     * How the local gateway checks tokens, as API Gateway's JWT authorizer does.
     *
     * @param enabled   false: nothing is checked ({@code --auth=off}, for quick experiments only)
     * @param issuer    an external issuer ({@code --jwt-issuer}), or null: the runner is its own development issuer
     * @param audiences the audiences (or client ids) accepted from the issuer
     */
    public record Auth(boolean enabled, String issuer, List<String> audiences) {

        public static final Auth DEVELOPMENT = new Auth(true, null, List.of(DevelopmentIssuer.AUDIENCE));

        public Auth {
            audiences = List.copyOf(audiences);
        }
    }

    static final java.time.Duration DEFAULT_PAYMENT_HOLD = java.time.Duration.ofHours(1);

    public static final String USAGE = """
            usage: local-runner [options]
              --http-host=ADDR              API listen address (default 127.0.0.1)
              --http-port=N                 API port (default 8080; 0 picks a free port)
              --kafka-port=N                embedded Kafka port (default 9092)
              --dynamodb-port=N             embedded DynamoDB port (default 8000)
              --data-dir=DIR                data kept across restarts (default .data)
              --in-memory                   keep no data across restarts
              --kafka-bootstrap-servers=HP  use this Kafka instead of the embedded broker
              --dynamodb-endpoint=URL       use this DynamoDB instead of the embedded server
              --concurrency=N               concurrent invocations per function (default 8)
              --redrive-after=DURATION      re-publish orders PENDING this long: PT30S, 30s or 30 (default PT30S)
              --payment-hold=DURATION       confirmed orders not paid this long EXPIRE (default PT1H; 0 for none)
              --auth=on|off                 check tokens as API Gateway's JWT authorizer does (default on; off: no checks)
              --jwt-issuer=URL              trust this issuer (its /.well-known/openid-configuration) instead of the runner's own
              --jwt-audience=A[,B...]       audiences (aud or client_id) accepted from --jwt-issuer
            """;

    private static final java.util.Set<String> KNOWN = java.util.Set.of("--http-host", "--http-port", "--kafka-port",
            "--dynamodb-port", "--data-dir", "--in-memory", "--kafka-bootstrap-servers", "--dynamodb-endpoint", "--concurrency",
            "--redrive-after", "--payment-hold", "--auth", "--jwt-issuer", "--jwt-audience");

    public static LocalSettings defaults() {
        return new LocalSettings("127.0.0.1", 8080, 9092, 8000, Path.of(".data"), false, null, null, 8, java.time.Duration.ofSeconds(30),
                DEFAULT_PAYMENT_HOLD, Auth.DEVELOPMENT);
    }

    /** Test settings: free ports, nothing kept. */
    public static LocalSettings ephemeral() {
        return new LocalSettings("127.0.0.1", 0, 0, 0, null, true, null, null, 8, java.time.Duration.ofSeconds(30), DEFAULT_PAYMENT_HOLD,
                Auth.DEVELOPMENT);
    }

    public LocalSettings withDataDir(Path dir) {
        return new LocalSettings(httpHost, httpPort, kafkaPort, dynamoDbPort, dir, false, kafkaBootstrap, dynamoDbEndpoint, concurrency, redriveAfter,
                paymentHold, auth);
    }

    public LocalSettings withPaymentHold(java.time.Duration hold) {
        return new LocalSettings(httpHost, httpPort, kafkaPort, dynamoDbPort, dataDir, inMemory, kafkaBootstrap, dynamoDbEndpoint, concurrency,
                redriveAfter, hold, auth);
    }


    public static LocalSettings parse(String... args) {
        var options = new java.util.HashMap<String, String>();
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!KNOWN.contains(name)) {
                unknown.add(arg);
            }
            options.put(name, eq < 0 ? null : arg.substring(eq + 1));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + String.join(", ", unknown) + "\n" + USAGE);
        }
        LocalSettings d = defaults();
        return new LocalSettings(
                options.containsKey("--http-host") ? required("--http-host", options.get("--http-host")) : d.httpHost,
                options.containsKey("--http-port") ? port("--http-port", options.get("--http-port")) : d.httpPort,
                options.containsKey("--kafka-port") ? port("--kafka-port", options.get("--kafka-port")) : d.kafkaPort,
                options.containsKey("--dynamodb-port") ? port("--dynamodb-port", options.get("--dynamodb-port")) : d.dynamoDbPort,
                options.containsKey("--data-dir") ? Path.of(required("--data-dir", options.get("--data-dir"))) : d.dataDir,
                options.containsKey("--in-memory"),
                options.containsKey("--kafka-bootstrap-servers") ? required("--kafka-bootstrap-servers", options.get("--kafka-bootstrap-servers")) : null,
                options.containsKey("--dynamodb-endpoint") ? required("--dynamodb-endpoint", options.get("--dynamodb-endpoint")) : null,
                options.containsKey("--concurrency") ? positive("--concurrency", options.get("--concurrency")) : d.concurrency,
                options.containsKey("--redrive-after") ? duration("--redrive-after", options.get("--redrive-after")) : d.redriveAfter,
                options.containsKey("--payment-hold") ? hold(options.get("--payment-hold")) : d.paymentHold,
                auth(options));
    }

    private static Auth auth(java.util.Map<String, String> options) {
        boolean enabled = true;
        if (options.containsKey("--auth")) {
            String value = required("--auth", options.get("--auth")).strip().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("on") && !value.equals("off")) {
                throw new IllegalArgumentException("--auth must be on or off, not " + options.get("--auth"));
            }
            enabled = value.equals("on");
        }
        if (!options.containsKey("--jwt-issuer")) {
            if (options.containsKey("--jwt-audience")) {
                throw new IllegalArgumentException("--jwt-audience needs --jwt-issuer (the runner's own tokens have the audience "
                        + DevelopmentIssuer.AUDIENCE + ")");
            }
            return new Auth(enabled, null, Auth.DEVELOPMENT.audiences());
        }
        String issuer = required("--jwt-issuer", options.get("--jwt-issuer")).strip();
        if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
            throw new IllegalArgumentException("--jwt-issuer must be the issuer's URL, exactly as in its tokens' iss, not " + issuer);
        }
        if (!options.containsKey("--jwt-audience")) {
            throw new IllegalArgumentException("--jwt-issuer needs --jwt-audience: the aud (or client_id) values to accept from " + issuer);
        }
        List<String> audiences = java.util.Arrays.stream(required("--jwt-audience", options.get("--jwt-audience")).split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).toList();
        return new Auth(enabled, issuer, audiences);
    }

    private static java.time.Duration hold(String value) {
        String text = required("--payment-hold", value).strip();
        return text.equals("0") || text.equalsIgnoreCase("PT0S") ? java.time.Duration.ZERO : duration("--payment-hold", text);
    }

    /** An ISO-8601 duration ({@code PT30S}, as the docs write settings), or whole seconds ({@code 30}, {@code 30s}). */
    static java.time.Duration duration(String name, String value) {
        String text = required(name, value).strip();
        try {
            java.time.Duration duration = text.matches("[0-9]+s?") ? java.time.Duration.ofSeconds(Long.parseLong(text.replace("s", "")))
                    : java.time.Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be longer than zero, not " + value);
            }
            return duration;
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as PT30S, 30s or 30, not " + value);
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value, e.g. " + name + "=...\n" + USAGE);
        }
        return value;
    }

    private static int port(String name, String value) {
        int port = number(name, value);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be a port between 0 and 65535");
        }
        return port;
    }

    private static int positive(String name, String value) {
        int n = number(name, value);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return n;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(required(name, value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value);
        }
    }
}
