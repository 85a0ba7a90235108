package dev.orderflow.local.runner.supervision;

import dev.orderflow.local.infra.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each replica of a service as a process of its own ({@code local-runner service NAME REPLICA ...}) and keeps it
 * running, as systemd or Docker's restart policy would: a replica that exits by itself is started again after a
 * backoff (1 s, doubling up to {@link #MAX_BACKOFF}; back to 1 s once it has run for a minute), said in one line.
 * A replica holds its standard input open on this process: when the supervisor dies, even by {@code kill -9}, the
 * replica reads the end of it and stops, so no replica outlives its supervisor. {@link #close()} stops them all with
 * SIGTERM (their consumers leave in order) and waits.
 */
public final class Supervisor implements AutoCloseable {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE_AFTER = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final ProcessRegistry registry;
    private final List<String> forwarded;
    private final Class<?> main;
    private final List<Replica> replicas = new ArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    /**
     * @param forwarded the options every replica gets: where Kafka and DynamoDB are, the data folder, the settings
     * @param main      the program's main class, which takes {@code service SERVICE REPLICA ...}
     */
    public Supervisor(ProcessRegistry registry, List<String> forwarded, Class<?> main) {
        this.registry = registry;
        this.forwarded = List.copyOf(forwarded);
        this.main = main;
    }

    /** Starts replica {@code number} of {@code service}; {@link #awaitUp} waits until it takes invocations. */
    public void start(String service, int number) {
        Replica replica = new Replica(service, number);
        synchronized (replicas) {
            replicas.add(replica);
        }
        replica.launch();
    }

    /** Waits until every replica started so far has registered in the run folder, i.e. takes invocations. */
    public void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Replica replica : snapshot()) {
            while (!replica.registered()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            replica.name() + " did not come up within " + timeout.toSeconds() + " s");
                }
                if (replica.failedAtStart()) {
                    throw new IllegalStateException(
                            replica.name() + " exited while starting (its lines above say why)");
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    /** The process of each replica now, for tests and status. */
    public List<ProcessHandle> processes(String service) {
        return snapshot().stream()
                .filter(r -> r.service.equals(service))
                .map(r -> r.process)
                .filter(p -> p != null && p.isAlive())
                .map(Process::toHandle)
                .toList();
    }

    @Override
    public void close() {
        stopping = true;
        restarts.shutdownNow();
        List<Replica> all = snapshot();
        all.forEach(Replica::terminate);
        all.forEach(Replica::awaitStopped);
    }

    private List<Replica> snapshot() {
        synchronized (replicas) {
            return List.copyOf(replicas);
        }
    }

    private final class Replica {

        final String service;
        final int number;
        volatile Process process;
        volatile long startedAt;
        volatile Duration backoff = FIRST_BACKOFF;
        volatile int restarts;
        volatile boolean everUp;

        Replica(String service, int number) {
            this.service = service;
            this.number = number;
        }

        String name() {
            return service + "-" + number;
        }

        boolean registered() {
            Process running = process;
            boolean up = running != null
                    && registry.find(name())
                            .filter(e -> e.pid() == running.pid())
                            .isPresent();
            everUp |= up;
            return up;
        }

        boolean failedAtStart() {
            Process running = process;
            return !everUp && running != null && !running.isAlive() && restarts == 0;
        }

        synchronized void launch() {
            if (stopping) {
                return;
            }
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                // a session of its own: Ctrl-C in a terminal reaches the supervisor alone, which stops replicas in
                // order
                command.add(SETSID.toString());
            }
            command.addAll(ServiceCommand.java(name(), main));
            command.addAll(List.of(
                    "service",
                    service,
                    Integer.toString(number),
                    "--supervisor=" + ProcessHandle.current().pid(),
                    "--run-dir=" + registry.dir()));
            command.addAll(forwarded);
            try {
                // standard input stays a pipe from this process: its end tells the replica the supervisor is gone; its
                // lines (each names the replica) go out with this process's own, wherever they go (a terminal, a test's
                // log)
                Process started =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                process = started;
                pump(started);
                startedAt = System.nanoTime();
                started.onExit().thenRun(() -> exited(started));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name(), e);
            }
        }

        private void exited(Process dead) {
            registry.remove(name(), dead.pid());
            if (stopping || dead != process) {
                return;
            }
            if (Duration.ofNanos(System.nanoTime() - startedAt).compareTo(STABLE_AFTER) > 0) {
                backoff = FIRST_BACKOFF;
            }
            Duration wait = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            restarts++;
            log.warn(
                    "{} (pid {}) exited with code {}; restarting it in {} s (restart {})",
                    name(),
                    dead.pid(),
                    dead.exitValue(),
                    wait.toSeconds(),
                    restarts);
            try {
                restarts().schedule(this::launch, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping meanwhile
            }
        }

        private void pump(Process started) {
            Thread pump = new Thread(
                    () -> {
                        try (var lines = new BufferedReader(
                                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = lines.readLine()) != null) {
                                System.out.println(line);
                            }
                        } catch (IOException e) {
                            // the replica is gone; its exit is handled by exited()
                        }
                    },
                    name() + "-output");
            pump.setDaemon(true);
            pump.start();
        }

        void terminate() {
            Process running = process;
            if (running != null && running.isAlive()) {
                running.destroy();
            }
        }

        void awaitStopped() {
            Process running = process;
            if (running != null) {
                Processes.stop(running, STOP_GRACE);
                registry.remove(name(), running.pid());
            }
        }
    }

    private ScheduledExecutorService restarts() {
        return restarts;
    }
}
