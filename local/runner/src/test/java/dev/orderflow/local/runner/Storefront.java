package dev.orderflow.local.runner;

import dev.orderflow.local.runner.auth.DevelopmentIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A storefront that does what its documentation asks of it: every new order carries an Idempotency-Key, and an
 * order that was not confirmed with 201 (no connection, 429, 5xx, a time-out) is sent again with the same key and
 * body, with backoff, until it is. It counts what it met on the way.
 */
final class Storefront implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    /** An order the shop confirmed: which key, which order, and how many sends it took. */
    record Placed(String key, String orderId, int attempts) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final String base;
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicLong slowestRefusalMillis = new AtomicLong();

    private final String authorization;

    /** A shop's checkout, acting for its customers with the back office's token of {@code issuer}. */
    Storefront(int port, DevelopmentIssuer issuer) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Bearer " + issuer.token("storefront-checkout", Api.BACK_OFFICE, Duration.ofHours(2));
    }

    /** Places one order, retrying until it is confirmed or {@code giveUpAfter} has passed (then the future fails). */
    CompletableFuture<Placed> place(String key, String body, Duration giveUpAfter) {
        var placed = new CompletableFuture<Placed>();
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        attempt(key, body, 1, FIRST_BACKOFF, deadline, placed);
        return placed;
    }

    /** Schedules {@code count} orders, one every {@code every}, each made by {@code body} from its index. */
    List<CompletableFuture<Placed>> placeMany(
            String keyPrefix, int count, Duration every, IntFunction<String> body, Duration giveUpAfter) {
        var orders = new ArrayList<CompletableFuture<Placed>>();
        for (int i = 0; i < count; i++) {
            int index = i;
            var order = new CompletableFuture<Placed>();
            timer.schedule(
                    () -> place(keyPrefix + "-" + index, body.apply(index), giveUpAfter)
                            .whenComplete((p, e) -> {
                                if (e == null) {
                                    order.complete(p);
                                } else {
                                    order.completeExceptionally(e);
                                }
                            }),
                    every.toMillis() * i,
                    TimeUnit.MILLISECONDS);
            orders.add(order);
        }
        return orders;
    }

    /** What answers other than 201 the storefront met: {@code connection}, {@code timeout} or the status code. */
    Map<String, Integer> refusals() {
        Map<String, Integer> counts = new TreeMap<>();
        refusals.forEach((what, n) -> counts.put(what, n.get()));
        return counts;
    }

    /** The longest a refused request took to be refused (a 503 or 429 should come quickly). */
    Duration slowestRefusal() {
        return Duration.ofMillis(slowestRefusalMillis.get());
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    JsonNode post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            return JSON.readTree(http.send(
                            request.header("Authorization", authorization)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void attempt(
            String key, String body, int attempt, Duration backoff, long deadline, CompletableFuture<Placed> placed) {
        var request = HttpRequest.newBuilder(URI.create(base + "/oms/orders"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long sent = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 201) {
                placed.complete(new Placed(
                        key,
                        JSON.readTree(response.body())
                                .path("data")
                                .path("orderId")
                                .asString(),
                        attempt));
                return;
            }
            String what = error == null
                    ? Integer.toString(response.statusCode())
                    : error.getCause() instanceof java.net.http.HttpTimeoutException ? "timeout" : "connection";
            refusals.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
            if (error == null) {
                slowestRefusalMillis.accumulateAndGet(
                        Duration.ofNanos(System.nanoTime() - sent).toMillis(), Math::max);
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    placed.completeExceptionally(new AssertionError(
                            "order " + key + " refused: " + response.statusCode() + " " + response.body()));
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                placed.completeExceptionally(new AssertionError(
                        "order " + key + " not confirmed after " + attempt + " attempts (last: " + what + ")"));
                return;
            }
            Duration next = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            timer.schedule(
                    () -> attempt(key, body, attempt + 1, next, deadline, placed),
                    backoff.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
