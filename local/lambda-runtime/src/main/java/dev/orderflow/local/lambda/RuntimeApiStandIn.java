package dev.orderflow.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Lambda Runtime API (version 2018-06-01) on 127.0.0.1, enough for the AWS Lambda Runtime
 * Interface Client to run a function as it runs on Lambda: {@code invocation/next} hands out one event at a
 * time with the request id, deadline, function ARN and trace headers; {@code invocation/{id}/response} and
 * {@code invocation/{id}/error} complete it; {@code init/error} fails the environment; {@code restore/next}
 * (SnapStart) records that the runtime took its snapshot, after its {@code beforeCheckpoint} hooks ran.
 */
public final class RuntimeApiStandIn implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION = Pattern.compile("invocation/([^/]+)/(response|error)");

    /** What the function answered: its response payload, or the error the runtime reported. */
    public record Result(boolean success, byte[] payload, String errorType) {

        public String body() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private record Invocation(
            String requestId, byte[] event, long deadlineEpochMillis, CompletableFuture<Result> result) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api");
        thread.setDaemon(true);
        return thread;
    });
    private final String functionName;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> snapshot = new CompletableFuture<>();
    private final AtomicLong firstPoll = new AtomicLong();
    private volatile boolean closed;

    static {
        // small answers go out at once, not held by Nagle's algorithm until the client's delayed ACK (up to ~40 ms on
        // Linux for an answer written in more than one segment); a safe setting, not a measured gain
        // (docs/performance.md)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private RuntimeApiStandIn(String functionName) throws IOException {
        this.functionName = functionName;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts a Runtime API for one function (one execution environment) on a free loopback port. */
    public static RuntimeApiStandIn start(String functionName) {
        try {
            return new RuntimeApiStandIn(functionName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Runtime API stand-in", e);
        }
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the runtime: host and port. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one event and waits for the function's answer. */
    public Result invoke(byte[] event, Duration timeout) {
        CompletableFuture<Result> result = submit(event, timeout);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String error = initError.getNow(null);
            throw new IllegalStateException(
                    "no answer from " + functionName + " within " + timeout
                            + (error == null ? "" : "; init error: " + error),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    functionName + " failed to start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Queues one event; the future completes when the runtime posts the response or the error. */
    public CompletableFuture<Result> submit(byte[] event, Duration timeout) {
        var invocation = new Invocation(
                UUID.randomUUID().toString(),
                event.clone(),
                System.currentTimeMillis() + timeout.toMillis(),
                new CompletableFuture<>());
        queued.add(invocation);
        initError.thenAccept(error -> invocation.result().completeExceptionally(new IllegalStateException(error)));
        return invocation.result();
    }

    /** Completes when the runtime reports that the function could not start. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    /** Completes when the runtime asked for {@code restore/next}: SnapStart's snapshot point. */
    public CompletableFuture<Void> snapshotTaken() {
        return snapshot;
    }

    /**
     * {@link System#nanoTime()} of the runtime's first {@code invocation/next}: the end of its init phase (what
     * Lambda reports as Init Duration), or 0 before that.
     */
    public long firstPollNanos() {
        return firstPoll.get();
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            Matcher answer = INVOCATION.matcher(path);
            if (method.equals("POST") && answer.matches()) {
                Invocation invocation = inFlight.remove(answer.group(1));
                if (invocation == null) {
                    respond(
                            exchange,
                            400,
                            "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                boolean success = answer.group(2).equals("response");
                String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
                invocation.result().complete(new Result(success, body, success ? null : errorType));
                respond(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            if (method.equals("GET") && path.equals("restore/next")) {
                snapshot.complete(null);
                respond(exchange, 200, "");
                return;
            }
            if (method.equals("POST") && path.equals("restore/error")) {
                initError.complete("restore failed: " + new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            respond(exchange, 404, "{\"errorMessage\":\"no such Runtime API resource\",\"errorType\":\"NotFound\"}");
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPoll.compareAndSet(0, System.nanoTime());
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queued.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            respond(exchange, 500, "{\"errorMessage\":\"shutting down\",\"errorType\":\"ShutDown\"}");
            return;
        }
        inFlight.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis()));
        headers.set(
                "Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:" + functionName);
        headers.set(
                "Lambda-Runtime-Trace-Id",
                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                        + invocation.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.sendResponseHeaders(200, invocation.event().length);
        exchange.getResponseBody().write(invocation.event());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
