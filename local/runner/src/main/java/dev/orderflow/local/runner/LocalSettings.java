package dev.orderflow.local.runner;

import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
 * @param replicas          how many processes of a service to run, where not one
 * @param only              run just this service's processes (beside a platform already running), or null for everything
 * @param serviceUrls       services whose processes run elsewhere (containers), invoked at these addresses
 * @param concurrency       how many invocations of one function may run at once in one process (Lambda's concurrency)
 * @param redriveAfter      how long an order may stay PENDING before its event is published again
 * @param paymentHold       how long a confirmed order may wait for payment before it EXPIRES (zero: no hold)
 * @param auth              how the gateway checks tokens
 * @param kafkaSecurity     how Kafka's clients say who they are
 */
public record LocalSettings(
        String httpHost,
        int httpPort,
        int kafkaPort,
        int dynamoDbPort,
        Path dataDir,
        boolean inMemory,
        String kafkaBootstrap,
        String dynamoDbEndpoint,
        Map<String, Integer> replicas,
        String only,
        Map<String, URI> serviceUrls,
        int concurrency,
        Duration redriveAfter,
        Duration paymentHold,
        Auth auth,
        KafkaSecurity kafkaSecurity) {

    public LocalSettings {
        replicas = Map.copyOf(replicas);
        serviceUrls = Map.copyOf(serviceUrls);
    }

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

    /**
     * How Kafka's clients say who they are.
     *
     * @param tls     the embedded broker speaks TLS only and knows each client by its certificate ({@code --kafka-tls},
     *                on by default; off: plaintext, anyone may do anything, for experiments only)
     * @param clients a folder of Kafka client properties files, one per identity ({@code order.properties},
     *                {@code inventory.properties}, {@code operator.properties}, {@code admin.properties}), for an external
     *                Kafka ({@code --kafka-clients}); null: the embedded broker's own, or plaintext for an external one
     */
    public record KafkaSecurity(boolean tls, Path clients) {

        public static final KafkaSecurity DEFAULT = new KafkaSecurity(true, null);
    }

    static final Duration DEFAULT_PAYMENT_HOLD = Duration.ofHours(1);

    /** One command-line option: its name, what its value looks like (null: a switch), and what it does. */
    private record Option(String name, String value, String help) {}

    /** Every option, once: the parser knows them from here and the usage text is made from here. */
    private static final List<Option> OPTIONS = List.of(
            new Option("--http-host", "ADDR", "API listen address (default 127.0.0.1)"),
            new Option("--http-port", "N", "API port (default 8080; 0 picks a free port)"),
            new Option("--kafka-port", "N", "embedded Kafka port (default 9092)"),
            new Option("--dynamodb-port", "N", "embedded DynamoDB port (default 8000)"),
            new Option(
                    "--data-dir",
                    "DIR",
                    "data kept across restarts, and the run folder of the processes (default .data)"),
            new Option("--in-memory", null, "keep no data across restarts"),
            new Option("--kafka-bootstrap-servers", "HP", "use this Kafka instead of the embedded broker"),
            new Option(
                    "--kafka-tls",
                    "on|off",
                    "the embedded broker speaks TLS with an identity per service (default on; off: plaintext, no checks)"),
            new Option(
                    "--kafka-clients",
                    "DIR",
                    "Kafka client settings per identity (order.properties, ...) for --kafka-bootstrap-servers"),
            new Option("--dynamodb-endpoint", "URL", "use this DynamoDB instead of the embedded server"),
            new Option("--replicas", "SERVICE=N", "run N processes of a service (default 1 each; 0: none; repeatable)"),
            new Option(
                    "--only",
                    "SERVICE",
                    "run only that service's processes, beside a platform already running on the data folder"),
            new Option(
                    "--service-url",
                    "SERVICE=URL",
                    "invoke a service's processes that run elsewhere (containers) at URL; start none"),
            new Option("--concurrency", "N", "concurrent invocations per function and process (default 8)"),
            new Option(
                    "--redrive-after",
                    "DURATION",
                    "re-publish orders PENDING this long: PT30S, 30s or 30 (default PT30S)"),
            new Option(
                    "--payment-hold",
                    "DURATION",
                    "confirmed orders not paid this long EXPIRE (default PT1H; 0 for none)"),
            new Option(
                    "--auth",
                    "on|off",
                    "check tokens as API Gateway's JWT authorizer does (default on; off: no checks)"),
            new Option(
                    "--jwt-issuer",
                    "URL",
                    "trust this issuer (its /.well-known/openid-configuration) instead of the runner's own"),
            new Option("--jwt-audience", "A[,B...]", "audiences (aud or client_id) accepted from --jwt-issuer"));

    public static final String USAGE = usage();

    public static LocalSettings defaults() {
        return new LocalSettings(
                "127.0.0.1",
                8080,
                9092,
                8000,
                Path.of(".data"),
                false,
                null,
                null,
                Map.of(),
                null,
                Map.of(),
                8,
                Duration.ofSeconds(30),
                DEFAULT_PAYMENT_HOLD,
                Auth.DEVELOPMENT,
                KafkaSecurity.DEFAULT);
    }

    /** Test settings: free ports, nothing kept. */
    public static LocalSettings ephemeral() {
        return new LocalSettings(
                "127.0.0.1",
                0,
                0,
                0,
                null,
                true,
                null,
                null,
                Map.of(),
                null,
                Map.of(),
                8,
                Duration.ofSeconds(30),
                DEFAULT_PAYMENT_HOLD,
                Auth.DEVELOPMENT,
                KafkaSecurity.DEFAULT);
    }

    public LocalSettings withDataDir(Path dir) {
        return new LocalSettings(
                httpHost,
                httpPort,
                kafkaPort,
                dynamoDbPort,
                dir,
                false,
                kafkaBootstrap,
                dynamoDbEndpoint,
                replicas,
                only,
                serviceUrls,
                concurrency,
                redriveAfter,
                paymentHold,
                auth,
                kafkaSecurity);
    }

    public LocalSettings withPaymentHold(Duration hold) {
        return new LocalSettings(
                httpHost,
                httpPort,
                kafkaPort,
                dynamoDbPort,
                dataDir,
                inMemory,
                kafkaBootstrap,
                dynamoDbEndpoint,
                replicas,
                only,
                serviceUrls,
                concurrency,
                redriveAfter,
                hold,
                auth,
                kafkaSecurity);
    }

    public LocalSettings withReplicas(String service, int count) {
        Map<String, Integer> more = new TreeMap<>(replicas);
        more.put(service, count);
        return new LocalSettings(
                httpHost,
                httpPort,
                kafkaPort,
                dynamoDbPort,
                dataDir,
                inMemory,
                kafkaBootstrap,
                dynamoDbEndpoint,
                more,
                only,
                serviceUrls,
                concurrency,
                redriveAfter,
                paymentHold,
                auth,
                kafkaSecurity);
    }

    /** The Kafka to use: the external one given, else the platform's on {@code --kafka-port}. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrap != null ? kafkaBootstrap : "127.0.0.1:" + kafkaPort;
    }

    /** The DynamoDB to use: the external endpoint given, else the platform's on {@code --dynamodb-port}. */
    public URI dynamoDbUri() {
        return URI.create(dynamoDbEndpoint != null ? dynamoDbEndpoint : "http://127.0.0.1:" + dynamoDbPort);
    }

    /** How many processes of the service to run: {@code --replicas SERVICE=N}, else one; none when it runs elsewhere. */
    public int replicasOf(String service) {
        return serviceUrls.containsKey(service) ? 0 : replicas.getOrDefault(service, 1);
    }

    /**
     * The options a service process needs to reach the same Kafka and DynamoDB and behave alike: every option but
     * those of the platform's own parts (the API, the authorizer, the replicas).
     */
    List<String> forService(String kafkaBootstrap, Path kafkaClients, String dynamoDbEndpoint) {
        List<String> options = new ArrayList<>(List.of(
                "--kafka-bootstrap-servers=" + kafkaBootstrap,
                "--dynamodb-endpoint=" + dynamoDbEndpoint,
                "--concurrency=" + concurrency,
                "--redrive-after=" + redriveAfter,
                "--payment-hold=" + paymentHold));
        if (kafkaClients != null) {
            options.add("--kafka-clients=" + kafkaClients.toAbsolutePath());
        }
        if (inMemory || dataDir == null) {
            options.add("--in-memory");
        }
        if (dataDir != null) {
            options.add("--data-dir=" + dataDir.toAbsolutePath());
        }
        return options;
    }

    public static LocalSettings parse(String... args) {
        var options = new HashMap<String, String>();
        Map<String, Integer> replicas = new TreeMap<>();
        Map<String, URI> serviceUrls = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Option option = OPTIONS.stream()
                    .filter(o -> o.name().equals(name))
                    .findFirst()
                    .orElse(null);
            if (option == null) {
                unknown.add(arg);
                continue;
            }
            String value =
                    eq >= 0 ? arg.substring(eq + 1) : option.value() != null && i + 1 < args.length ? args[++i] : null;
            if (name.equals("--replicas")) {
                replica(value, replicas);
            } else if (name.equals("--service-url")) {
                serviceUrl(value, serviceUrls);
            }
            options.put(name, value);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + String.join(", ", unknown) + "\n" + USAGE);
        }
        LocalSettings d = defaults();
        return new LocalSettings(
                options.containsKey("--http-host") ? required("--http-host", options.get("--http-host")) : d.httpHost,
                options.containsKey("--http-port") ? port("--http-port", options.get("--http-port")) : d.httpPort,
                options.containsKey("--kafka-port") ? port("--kafka-port", options.get("--kafka-port")) : d.kafkaPort,
                options.containsKey("--dynamodb-port")
                        ? port("--dynamodb-port", options.get("--dynamodb-port"))
                        : d.dynamoDbPort,
                options.containsKey("--data-dir")
                        ? Path.of(required("--data-dir", options.get("--data-dir")))
                        : d.dataDir,
                options.containsKey("--in-memory"),
                options.containsKey("--kafka-bootstrap-servers")
                        ? required("--kafka-bootstrap-servers", options.get("--kafka-bootstrap-servers"))
                        : null,
                options.containsKey("--dynamodb-endpoint")
                        ? required("--dynamodb-endpoint", options.get("--dynamodb-endpoint"))
                        : null,
                replicas,
                options.containsKey("--only") ? required("--only", options.get("--only")) : null,
                serviceUrls,
                options.containsKey("--concurrency")
                        ? positive("--concurrency", options.get("--concurrency"))
                        : d.concurrency,
                options.containsKey("--redrive-after")
                        ? duration("--redrive-after", options.get("--redrive-after"))
                        : d.redriveAfter,
                options.containsKey("--payment-hold") ? hold(options.get("--payment-hold")) : d.paymentHold,
                auth(options),
                kafkaSecurity(options));
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder("usage: local-runner [options]\n");
        for (Option option : OPTIONS) {
            String flag = option.value() == null ? option.name() : option.name() + "=" + option.value();
            usage.append(String.format(Locale.ROOT, "  %-29s %s%n", flag, option.help()));
        }
        return usage.toString();
    }

    /** {@code SERVICE=URL}, added to {@code urls}. */
    private static void serviceUrl(String value, Map<String, URI> urls) {
        String text = required("--service-url", value);
        int eq = text.indexOf('=');
        URI url = eq <= 0 ? null : URI.create(text.substring(eq + 1).strip());
        if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException(
                    "--service-url takes SERVICE=http://HOST:PORT, e.g. --service-url inventory=http://inventory:9000, not "
                            + text);
        }
        urls.put(text.substring(0, eq).strip(), url);
    }

    /** {@code SERVICE=N}, added to {@code replicas}. */
    private static void replica(String value, Map<String, Integer> replicas) {
        String text = required("--replicas", value);
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--replicas takes SERVICE=N, e.g. --replicas inventory=2, not " + text);
        }
        int count = number("--replicas " + text.substring(0, eq), text.substring(eq + 1));
        if (count < 0 || count > 16) {
            throw new IllegalArgumentException("--replicas " + text + ": a service runs 0 to 16 processes");
        }
        replicas.put(text.substring(0, eq).strip(), count);
    }

    private static Auth auth(Map<String, String> options) {
        boolean enabled = !options.containsKey("--auth") || onOff("--auth", options.get("--auth"));
        if (!options.containsKey("--jwt-issuer")) {
            if (options.containsKey("--jwt-audience")) {
                throw new IllegalArgumentException(
                        "--jwt-audience needs --jwt-issuer (the runner's own tokens have the audience "
                                + DevelopmentIssuer.AUDIENCE + ")");
            }
            return new Auth(enabled, null, Auth.DEVELOPMENT.audiences());
        }
        String issuer = required("--jwt-issuer", options.get("--jwt-issuer")).strip();
        if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
            throw new IllegalArgumentException(
                    "--jwt-issuer must be the issuer's URL, exactly as in its tokens' iss, not " + issuer);
        }
        if (!options.containsKey("--jwt-audience")) {
            throw new IllegalArgumentException(
                    "--jwt-issuer needs --jwt-audience: the aud (or client_id) values to accept from " + issuer);
        }
        List<String> audiences = Arrays.stream(required("--jwt-audience", options.get("--jwt-audience"))
                        .split(","))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .toList();
        return new Auth(enabled, issuer, audiences);
    }

    private static KafkaSecurity kafkaSecurity(Map<String, String> options) {
        boolean tls = true;
        if (options.containsKey("--kafka-tls")) {
            if (options.containsKey("--kafka-bootstrap-servers")) {
                throw new IllegalArgumentException(
                        "--kafka-tls is the embedded broker's; an external Kafka's client settings come from --kafka-clients=DIR");
            }
            tls = onOff("--kafka-tls", options.get("--kafka-tls"));
        }
        Path clients = null;
        if (options.containsKey("--kafka-clients")) {
            if (!options.containsKey("--kafka-bootstrap-servers")) {
                throw new IllegalArgumentException(
                        "--kafka-clients is for an external Kafka (--kafka-bootstrap-servers); the embedded broker makes its own in "
                                + "the data folder (kafka-clients/)");
            }
            clients = Path.of(required("--kafka-clients", options.get("--kafka-clients")));
            if (!Files.isDirectory(clients)) {
                throw new IllegalArgumentException(
                        "--kafka-clients must be a folder of Kafka client properties files, one per identity; "
                                + clients + " is not a folder");
            }
        }
        return new KafkaSecurity(tls, clients);
    }

    private static boolean onOff(String name, String value) {
        String text = required(name, value).strip().toLowerCase(Locale.ROOT);
        if (!text.equals("on") && !text.equals("off")) {
            throw new IllegalArgumentException(name + " must be on or off, not " + value);
        }
        return text.equals("on");
    }

    private static Duration hold(String value) {
        String text = required("--payment-hold", value).strip();
        return text.equals("0") || text.equalsIgnoreCase("PT0S") ? Duration.ZERO : duration("--payment-hold", text);
    }

    /** An ISO-8601 duration ({@code PT30S}, as the docs write settings), or whole seconds ({@code 30}, {@code 30s}). */
    public static Duration duration(String name, String value) {
        String text = required(name, value).strip();
        try {
            Duration duration = text.matches("[0-9]+s?")
                    ? Duration.ofSeconds(Long.parseLong(text.replace("s", "")))
                    : Duration.parse(text.toUpperCase(Locale.ROOT));
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be longer than zero, not " + value);
            }
            return duration;
        } catch (DateTimeParseException | NumberFormatException e) {
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
