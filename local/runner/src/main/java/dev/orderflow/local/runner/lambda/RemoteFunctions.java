package dev.orderflow.local.runner.lambda;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's way to the functions: each invocation goes through Lambda's Invoke API to a live process of the
 * function's service ({@link ServiceEndpoints}), the replicas taken in turn. A process that does not take the
 * connection is passed over for the next one; when none takes it the invocation is {@link Functions.Unavailable}
 * (the gateway answers 503, a trigger waits and tries again). An invocation that reached a process is never sent to a
 * second one: a process that died while handling it may have done part of it, and only the caller knows whether trying
 * again is safe (every trigger's function is idempotent; the API's clients have Idempotency-Keys). Whether a service
 * is there is said once when it goes and once when it is back, not on every call.
 */
public final class RemoteFunctions implements Functions {

    private static final Logger log = LoggerFactory.getLogger(RemoteFunctions.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration THROTTLED_PAUSE = Duration.ofMillis(50);

    private final Map<String, String> serviceOf;
    private final ServiceEndpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "invoke-client");
                thread.setDaemon(true);
                return thread;
            }))
            .build();
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
    private final Set<String> away = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    /** @param serviceOf the service of each function, as the template's {@code CodeUri} says */
    public RemoteFunctions(Map<String, String> serviceOf, ServiceEndpoints endpoints) {
        this.serviceOf = Map.copyOf(serviceOf);
        this.endpoints = endpoints;
    }

    @Override
    public byte[] invoke(String function, byte[] event) {
        while (true) {
            try {
                return invokeWithin(function, event, Functions.MAX_QUEUE_WAIT);
            } catch (Throttled e) {
                LockSupport.parkNanos(THROTTLED_PAUSE.toNanos());
            }
        }
    }

    @Override
    public byte[] invokeBatch(String function, byte[] event, int records) {
        count(function)[1].add(records);
        return invoke(function, event);
    }

    @Override
    public byte[] invokeWithin(String function, byte[] event, Duration maxWait) {
        String service = serviceOf.get(function);
        if (service == null) {
            throw new IllegalStateException("the template deploys no function " + function);
        }
        List<URI> replicas = endpoints.of(service);
        int first = turns.computeIfAbsent(service, s -> new AtomicInteger()).getAndIncrement();
        for (int i = 0; i < replicas.size(); i++) {
            URI replica = replicas.get(Math.floorMod(first + i, replicas.size()));
            HttpResponse<byte[]> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(replica.resolve("/2015-03-31/functions/" + function + "/invocations"))
                                .timeout(InvokeApi.callerTimeout())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                endpoints.refused(service, replica);
                continue;
            } catch (IOException e) {
                throw new Unavailable("the process of " + service + " at " + replica
                        + " went away during an invocation of " + function + " (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while invoking " + function);
            }
            back(service);
            count(function)[0].increment();
            return answer(function, response);
        }
        if (away.add(service)) {
            log.warn("No process of {} is up: its routes answer 503 and its triggers wait until one is", service);
        }
        throw new Unavailable("no process of " + service + " is up to invoke " + function);
    }

    /** One line per batch-triggered function the platform invoked: how many batches, records, records per batch. */
    public void logBatches() {
        counts.forEach((function, count) -> {
            long records = count[1].sum();
            if (records > 0) {
                log.info(
                        "{}: {} records in {} batches ({} per batch)",
                        function,
                        records,
                        count[0].sum(),
                        String.format(Locale.ROOT, "%.1f", (double) records / Math.max(1, count[0].sum())));
            }
        });
    }

    private void back(String service) {
        if (away.remove(service)) {
            log.info("{} is up again", service);
        }
    }

    private static byte[] answer(String function, HttpResponse<byte[]> response) {
        if (response.statusCode() == 429) {
            throw new Throttled(function);
        }
        String error = response.headers().firstValue("X-Amz-Function-Error").orElse(null);
        if (response.statusCode() != 200 || error != null) {
            throw new Failed(function + " failed (" + response.statusCode() + (error == null ? "" : " " + error) + "): "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private LongAdder[] count(String function) {
        return counts.computeIfAbsent(function, f -> new LongAdder[] {new LongAdder(), new LongAdder()});
    }
}
