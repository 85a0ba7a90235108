package dev.orderflow.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the local system costs when nobody uses it, and what a quiet spell costs the next customer: the system started
 * (every process: the platform, the services, the store), one product, {@link #SETTLE} for start-up to pass, then the
 * CPU of all its processes over a quiet window, their memory, and then one order: its API latency and the time until it
 * is final (the triggers have backed off during the quiet window and must wake up). {@code local/benchmark/idle [SECONDS]}.
 */
final class Idle {

    static final Duration SETTLE = Duration.ofSeconds(30);

    private Idle() {}

    static void run(Path runnerJar, int seconds) throws Exception {
        try (SystemUnderTest system = SystemUnderTest.start(runnerJar)) {
            System.out.println("system up: API " + system.api() + " (pid " + system.pid() + ")");
            HttpClient http = HttpClient.newHttpClient();
            String authorization = system.authorization();
            send(
                    http,
                    HttpRequest.newBuilder(URI.create(system.api() + "/inventory/products"))
                            .header("Authorization", authorization)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":\"idle-1\",\"quantity\":100}")));
            Thread.sleep(SETTLE.toMillis());

            double cpuBefore = system.cpuSeconds();
            long started = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - started) / 1e9;
            double cores = (system.cpuSeconds() - cpuBefore) / elapsed;
            double memory = system.residentMiB();

            try (var watcher = new FinalStatusWatcher(system.kafka("operator"))) {
                var decided = new CompletableFuture<Long>();
                String[] orderId = new String[1];
                watcher.onFinal((id, at) -> {
                    if (id.equals(orderId[0])) {
                        decided.complete(at);
                    }
                });
                long sent = System.nanoTime();
                HttpResponse<String> placed = send(
                        http,
                        HttpRequest.newBuilder(URI.create(system.api() + "/oms/orders"))
                                .header("Authorization", authorization)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"userId\":\"idle-user\",\"orderItems\":[{\"productId\":\"idle-1\",\"quantity\":1}]}")));
                long answered = System.nanoTime();
                orderId[0] = placed.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");
                long finalAt = decided.get(60, TimeUnit.SECONDS);
                System.out.printf(
                        Locale.ROOT,
                        "%nidle for %.0f s: whole system %.2f%% of one core (%.4f cores), memory %.0f MiB (PSS)%n",
                        elapsed,
                        cores * 100,
                        cores,
                        memory);
                System.out.printf(
                        Locale.ROOT,
                        "first order after the quiet window: API %.1f ms, placed to final %.1f ms%n",
                        (answered - sent) / 1e6,
                        (finalAt - sent) / 1e6);
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response;
    }
}
