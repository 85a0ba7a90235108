package dev.orderflow.local.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB-compatible server on 127.0.0.1, run as a child process.
 *
 * <p>The server is <a href="https://github.com/nubo-db/dynoxide">Dynoxide</a> (MIT OR Apache-2.0), a
 * SQLite-backed implementation of the DynamoDB and DynamoDB Streams wire protocols, including
 * transactions and condition expressions. Amazon's DynamoDB Local is not used: its licence is not an
 * open-source one. The binary is fetched from the npm registry with the machine's {@code npm} on first
 * use and cached under {@code ~/.cache/orderflow}; set {@code DYNOXIDE_BINARY} to use another copy.
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** The server version this project is tested with. */
    public static final String VERSION = "1.2.1";

    private static final Logger log = LoggerFactory.getLogger(LocalDynamoDb.class);
    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    private static final String READY_LINE = "listening on";

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** Restarts in a row after which a server that keeps dying is given up. */
    static final int MAX_RESTARTS = 5;

    private final List<String> command;
    private final int port;
    private final Path database;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile Runnable onGiveUp = () -> {};
    private volatile LongConsumer onStarted = pid -> {};

    private LocalDynamoDb(List<String> command, int port, Path database) {
        this.command = command;
        this.port = port;
        this.database = database;
    }

    /**
     * Starts a server.
     *
     * @param port     the port on 127.0.0.1, or 0 for a free one
     * @param database the SQLite file that keeps the data across restarts, or null to keep it in memory
     */
    public static LocalDynamoDb start(int port, Path database) {
        int chosen = port == 0 ? FreePorts.next() : port;
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // a session of its own: Ctrl-C in a terminal reaches the runner, which stops the server last, in order
            command.add(SETSID.toString());
        }
        command.addAll(
                List.of(binary().toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(chosen)));
        if (database != null) {
            createParent(database);
            command.addAll(List.of("--db-path", database.toString()));
        }
        var server = new LocalDynamoDb(List.copyOf(command), chosen, database);
        server.start();
        return server;
    }

    /**
     * Starts the server process (again, after {@link #stop()}), on the same port and data. While it runs it is
     * supervised: should it die by itself, it is started again at once on its database file, and after
     * {@value #MAX_RESTARTS} failed restarts in a row (or at once, for a server that kept its data in memory)
     * {@link #onGiveUp} is told.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        stopping = false;
        try {
            Process started =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process = started;
            awaitReady(started);
            started.onExit().thenRun(() -> exited(started));
            onStarted.accept(started.pid());
            log.info(
                    "DynamoDB-compatible server listening on {} ({})",
                    endpoint(),
                    database == null ? "in memory" : database);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** What to do when the server keeps dying and cannot be restarted (the runner stops with a clear message). */
    public void onGiveUp(Runnable action) {
        this.onGiveUp = action;
    }

    /**
     * Told the server's process id now and after every restart, so whoever started it can find it again should it
     * outlive this process (a {@code kill -9} of the runner leaves it running in its own session).
     */
    public synchronized void onStarted(LongConsumer listener) {
        this.onStarted = listener;
        if (process != null && process.isAlive()) {
            listener.accept(process.pid());
        }
    }

    /** The server process's id, for tools that inspect or signal it. */
    public long pid() {
        return process.pid();
    }

    /** Stops the server; it stays down until {@link #start()}. */
    public synchronized void stop() {
        stopping = true;
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(10));
        }
    }

    private void exited(Process dead) {
        synchronized (this) {
            if (stopping || dead != process) {
                return;
            }
            log.error(
                    "The DynamoDB-compatible server on port {} exited by itself (code {}){}",
                    port,
                    dead.exitValue(),
                    database == null
                            ? "; it kept its data in memory, so there is nothing to restart it with"
                            : "; restarting it on the same port and data");
            for (int attempt = 1; database != null && attempt <= MAX_RESTARTS; attempt++) {
                try {
                    start();
                    return;
                } catch (RuntimeException e) {
                    log.error("Restart {} of {} failed: {}", attempt, MAX_RESTARTS, e.getMessage());
                    LockSupport.parkNanos(Duration.ofSeconds(attempt).toNanos());
                }
            }
            stopping = true;
        }
        log.error("The DynamoDB-compatible server on port {} could not be restarted; giving up", port);
        onGiveUp.run();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** A DynamoDB client for this server. */
    public DynamoDbClient client() {
        return client(endpoint());
    }

    /** A DynamoDB client for a local endpoint (this server, LocalStack, ...), with placeholder credentials. */
    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A DynamoDB Streams client for a local endpoint. */
    public static DynamoDbStreamsClient streamsClient(URI endpoint) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Process process) {
        var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var ready = new CompletableFuture<Void>();
        Thread pump = new Thread(() -> pumpOutput(output, ready), "dynamodb-local-output");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Processes.stop(process, Duration.ofSeconds(10));
            throw new IllegalStateException("DynamoDB-compatible server did not start on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Processes.stop(process, Duration.ofSeconds(10));
            throw new IllegalStateException("interrupted while starting the DynamoDB-compatible server", e);
        }
    }

    private static void pumpOutput(BufferedReader output, CompletableFuture<Void> ready) {
        try {
            String line;
            String last = "";
            while ((line = output.readLine()) != null) {
                if (line.contains(READY_LINE)) {
                    ready.complete(null);
                } else if (!line.isBlank()) {
                    last = line;
                    log.info("[dynamodb] {}", line);
                }
            }
            ready.completeExceptionally(new IllegalStateException(
                    "server exited before it was ready: " + last + " (is the port taken by another process?)"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** The server binary: {@code DYNOXIDE_BINARY} if set, else the cached npm package, installed if missing. */
    static Path binary() {
        String configured = System.getenv("DYNOXIDE_BINARY");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String platform = npmPlatform();
        Path home = Path.of(System.getProperty("user.home"), ".cache", "orderflow", "dynoxide", VERSION);
        Path binary = home.resolve("node_modules")
                .resolve("@dynoxide")
                .resolve(platform)
                .resolve(platform.startsWith("win32") ? "dynoxide.exe" : "dynoxide");
        if (!Files.isExecutable(binary)) {
            NpmPackages.install(home, "@dynoxide/" + platform + "@" + VERSION);
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("npm installed @dynoxide/" + platform + " but " + binary + " is missing");
        }
        return binary;
    }

    private static String npmPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String npmOs =
                os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : os;
        String npmArch =
                arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "arm64" : arch;
        return npmOs + "-" + npmArch;
    }

    private static void createParent(Path database) {
        try {
            Path parent = database.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + database, e);
        }
    }
}
