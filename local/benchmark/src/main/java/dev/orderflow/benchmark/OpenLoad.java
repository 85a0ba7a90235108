package dev.orderflow.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives one scenario as an open model: orders are sent at fixed intervals whatever the system's state,
 * and every latency is measured from the moment the order was due, not from when the client got round to
 * sending it, so queueing counts (no coordinated omission). API latency ends at the 201; end-to-end latency
 * ends when the order's final status shows on {@code order-events}.
 */
final class OpenLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_NANOS = Duration.ofMinutes(5).toNanos();

    /** One second of the run, for the latency-over-time plot. */
    record Second(int second, long sent, long finals, double apiP99Ms, double e2eP99Ms) {}

    record Result(
            Scenario scenario,
            long sent,
            long accepted,
            long errors,
            long finals,
            double seconds,
            Histogram api,
            Histogram endToEnd,
            List<Second> timeline,
            double cpuCores,
            double peakRssMiB,
            double storeCpuCores,
            double servicesCpuCores,
            double loadGeneratorCpuCores) {

        double throughput() {
            return finals / seconds;
        }

        /** CPU of the whole system (platform, services, store) per order made final, in milliseconds. */
        double cpuMillisPerOrder() {
            return finals == 0 ? 0 : 1000 * cpuCores * seconds / finals;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SystemUnderTest system;
    private final FinalStatusWatcher watcher;

    private final String authorization;

    OpenLoad(SystemUnderTest system, FinalStatusWatcher watcher) throws IOException, InterruptedException {
        this.system = system;
        this.watcher = watcher;
        this.authorization = system.authorization();
    }

    Result run(Scenario scenario) {
        Map<String, Long> dueTimes = new ConcurrentHashMap<>();
        // a final status seen before the client handled the 201 (possible under load): matched when it is
        Map<String, Long> earlyFinals = new ConcurrentHashMap<>();
        Histogram api = new Histogram(MAX_NANOS, 3);
        Histogram e2e = new Histogram(MAX_NANOS, 3);
        Recorder apiSecond = new Recorder(MAX_NANOS, 3);
        Recorder e2eSecond = new Recorder(MAX_NANOS, 3);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger finals = new AtomicInteger();
        EndToEnd endToEnd = (orderId, due, at) -> {
            long latency = Math.min(at - due, MAX_NANOS);
            synchronized (e2e) {
                e2e.recordValue(latency);
            }
            e2eSecond.recordValue(latency);
            finals.incrementAndGet();
        };
        Object matching = new Object();
        watcher.onFinal((orderId, at) -> {
            Long due;
            synchronized (matching) {
                due = dueTimes.remove(orderId);
                if (due == null) {
                    earlyFinals.put(orderId, at);
                }
            }
            if (due != null) {
                endToEnd.record(orderId, due, at);
            }
        });
        Random random = new Random(42);
        long interval = (long) (1_000_000_000L / scenario.ratePerSecond());
        long total = (long) (scenario.ratePerSecond() * scenario.seconds());
        long start = System.nanoTime();
        double cpuBefore = system.cpuSeconds();
        double storeCpuBefore = system.storeCpuSeconds();
        double servicesCpuBefore = system.servicesCpuSeconds();
        double loadCpuBefore = SystemUnderTest.loadGeneratorCpuSeconds();
        double peakRss = 0;
        List<Second> timeline = new ArrayList<>();
        long nextReport = start + 1_000_000_000L;
        int second = 0;
        long sentAtLastReport = 0;
        long finalsAtLastReport = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(
                    scenario.orderBody(random),
                    due,
                    matching,
                    dueTimes,
                    earlyFinals,
                    endToEnd,
                    api,
                    apiSecond,
                    accepted,
                    errors);
            if (System.nanoTime() >= nextReport) {
                second++;
                timeline.add(second(
                        second, i + 1 - sentAtLastReport, finals.get() - finalsAtLastReport, apiSecond, e2eSecond));
                peakRss = Math.max(peakRss, system.residentMiB());
                progress(scenario, second, timeline.get(timeline.size() - 1));
                sentAtLastReport = i + 1;
                finalsAtLastReport = finals.get();
                nextReport += 1_000_000_000L;
            }
        }
        // let the last orders finish: up to 10 s after the last one was due
        long drainUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((accepted.get() + errors.get() < total || !dueTimes.isEmpty()) && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(50_000_000);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuCores = (system.cpuSeconds() - cpuBefore) / elapsed;
        double storeCores = (system.storeCpuSeconds() - storeCpuBefore) / elapsed;
        double servicesCores = (system.servicesCpuSeconds() - servicesCpuBefore) / elapsed;
        double loadCores = (SystemUnderTest.loadGeneratorCpuSeconds() - loadCpuBefore) / elapsed;
        peakRss = Math.max(peakRss, system.residentMiB());
        synchronized (e2e) {
            return new Result(
                    scenario,
                    total,
                    accepted.get(),
                    errors.get(),
                    finals.get(),
                    Math.min(elapsed, scenario.seconds() + 10.0),
                    api.copy(),
                    e2e.copy(),
                    timeline,
                    cpuCores,
                    peakRss,
                    storeCores,
                    servicesCores,
                    loadCores);
        }
    }

    @FunctionalInterface
    private interface EndToEnd {
        void record(String orderId, long due, long finalAt);
    }

    private void send(
            String body,
            long due,
            Object matching,
            Map<String, Long> dueTimes,
            Map<String, Long> earlyFinals,
            EndToEnd endToEnd,
            Histogram api,
            Recorder apiSecond,
            AtomicInteger accepted,
            AtomicInteger errors) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.api() + "/oms/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long latency = Math.min(System.nanoTime() - due, MAX_NANOS);
            synchronized (api) {
                api.recordValue(latency);
            }
            apiSecond.recordValue(latency);
            if (failure == null && response.statusCode() == 201) {
                accepted.incrementAndGet();
                String orderId = JSON.readTree(response.body())
                        .path("data")
                        .path("orderId")
                        .asString();
                Long early;
                synchronized (matching) {
                    early = earlyFinals.remove(orderId);
                    if (early == null) {
                        dueTimes.put(orderId, due);
                    }
                }
                if (early != null) {
                    endToEnd.record(orderId, due, early);
                }
            } else {
                errors.incrementAndGet();
            }
        });
    }

    private static Second second(int second, long sent, long finals, Recorder api, Recorder e2e) {
        return new Second(
                second,
                sent,
                finals,
                api.getIntervalHistogram().getValueAtPercentile(99) / 1e6,
                e2e.getIntervalHistogram().getValueAtPercentile(99) / 1e6);
    }

    private static void progress(Scenario scenario, int second, Second s) {
        System.out.printf(
                "  %-22s %3ds  sent %4d/s  final %4d/s  api p99 %7.1f ms  e2e p99 %7.1f ms%n",
                scenario.name(), second, s.sent(), s.finals(), s.apiP99Ms(), s.e2eP99Ms());
    }
}
