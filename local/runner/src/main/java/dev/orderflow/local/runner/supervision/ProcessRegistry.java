package dev.orderflow.local.runner.supervision;

import dev.orderflow.local.runner.lambda.ServiceEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run folder ({@code <data>/run}): one small file per process of the local system - the platform, its
 * DynamoDB-compatible server, each replica of each service - saying who it is, which process started it, and where it
 * listens. The gateway finds a service's live replicas here (also those a separate {@code local-runner --only SERVICE}
 * started), {@code local-runner status} lists them, and a runner starting on the folder stops what a runner that is
 * gone left behind (a {@code kill -9} gives nobody the chance to stop its children), so no manual clean-up is ever
 * needed. A file names its process by pid and start time, so a pid the system has since given to another program is
 * never taken for ours.
 */
public final class ProcessRegistry {

    public static final String PLATFORM = "platform";
    public static final String DYNAMODB = "dynamodb";

    private static final Logger log = LoggerFactory.getLogger(ProcessRegistry.class);
    private static final String SUFFIX = ".process";

    /**
     * One process.
     *
     * @param name       {@code platform}, {@code dynamodb}, or {@code SERVICE-REPLICA} such as {@code inventory-2}
     * @param service    the service it runs, or its name for the platform's parts
     * @param replica    which replica of the service (1, 2, ...), 0 for the platform's parts
     * @param pid        its process id
     * @param started    when that process started (with the pid: the process, even after the pid is reused)
     * @param supervisor the pid of the process that started and supervises it, 0 for none
     * @param port       where it listens: the API (platform), the store (dynamodb), the Invoke API (a service)
     */
    public record Entry(
            String name, String service, int replica, long pid, Instant started, long supervisor, int port) {

        /** Whether the process this entry names is still running. */
        public boolean alive() {
            return handle().isPresent();
        }

        public Optional<ProcessHandle> handle() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info()
                            .startInstant()
                            .map(s -> started == null || sameSecond(s, started))
                            .orElse(true));
        }

        boolean supervisorAlive() {
            return supervisor != 0
                    && ProcessHandle.of(supervisor).map(ProcessHandle::isAlive).orElse(false);
        }

        private static boolean sameSecond(Instant a, Instant b) {
            return Math.abs(Duration.between(a, b).toMillis()) < 1_000;
        }
    }

    private final Path dir;

    public ProcessRegistry(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** An entry for this very process. */
    public static Entry self(String name, String service, int replica, long supervisor, int port) {
        ProcessHandle me = ProcessHandle.current();
        return new Entry(
                name, service, replica, me.pid(), me.info().startInstant().orElse(null), supervisor, port);
    }

    /** An entry for a process this one started. */
    public static Entry of(ProcessHandle process, String name, String service, int replica, int port) {
        return new Entry(
                name,
                service,
                replica,
                process.pid(),
                process.info().startInstant().orElse(null),
                ProcessHandle.current().pid(),
                port);
    }

    public void register(Entry entry) {
        var properties = new Properties();
        properties.setProperty("name", entry.name());
        properties.setProperty("service", entry.service());
        properties.setProperty("replica", Integer.toString(entry.replica()));
        properties.setProperty("pid", Long.toString(entry.pid()));
        if (entry.started() != null) {
            properties.setProperty("started", entry.started().toString());
        }
        properties.setProperty("supervisor", Long.toString(entry.supervisor()));
        properties.setProperty("port", Integer.toString(entry.port()));
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve(
                    entry.name() + SUFFIX + ".tmp-" + ProcessHandle.current().pid());
            try (OutputStream out = Files.newOutputStream(temp)) {
                properties.store(out, "a process of the local orderflow system");
            }
            Files.move(temp, file(entry.name()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(entry.name()), e);
        }
    }

    /** Removes the entry, if it still names {@code pid} (a successor may have registered under the name since). */
    public void remove(String name, long pid) {
        find(name).filter(entry -> entry.pid() == pid).ifPresent(entry -> {
            try {
                Files.deleteIfExists(file(name));
            } catch (IOException e) {
                log.debug("cannot remove {}: {}", file(name), e.toString());
            }
        });
    }

    public Optional<Entry> find(String name) {
        return read(file(name));
    }

    /** Every entry, sorted by name. */
    public List<Entry> entries() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX))
                    .map(ProcessRegistry::read)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Entry::service).thenComparing(Entry::replica))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The running replicas of a service. */
    public List<Entry> live(String service) {
        return entries().stream()
                .filter(e -> e.service().equals(service) && e.replica() > 0)
                .filter(Entry::alive)
                .toList();
    }

    /**
     * Stops every process a runner that is gone left behind, and forgets the entries of processes that are gone.
     *
     * @return the live platform's entry, when another runner is running the platform on this folder
     */
    public Optional<Entry> cleanUp() {
        List<Entry> stray = new ArrayList<>();
        Entry livePlatform = null;
        for (Entry entry : entries()) {
            if (!entry.alive()) {
                forget(entry);
            } else if (entry.name().equals(PLATFORM)) {
                livePlatform = entry.pid() == ProcessHandle.current().pid() ? null : entry;
            } else if (!entry.supervisorAlive()) {
                stray.add(entry);
            }
        }
        for (Entry entry : stray) {
            log.info("Stopping {} (pid {}), left running by a runner that is gone", entry.name(), entry.pid());
            entry.handle().ifPresent(ProcessRegistry::stop);
            forget(entry);
        }
        return Optional.ofNullable(livePlatform);
    }

    /** SIGTERM, up to 10 s to exit, then SIGKILL (not our child: its exit is watched by polling). */
    private static void stop(ProcessHandle process) {
        process.destroy();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void forget(Entry entry) {
        try {
            Files.deleteIfExists(file(entry.name()));
        } catch (IOException e) {
            log.debug("cannot remove {}: {}", file(entry.name()), e.toString());
        }
    }

    private Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    private static Optional<Entry> read(Path file) {
        var properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            String started = properties.getProperty("started");
            return Optional.of(new Entry(
                    properties.getProperty("name"),
                    properties.getProperty("service"),
                    Integer.parseInt(properties.getProperty("replica")),
                    Long.parseLong(properties.getProperty("pid")),
                    started == null ? null : Instant.parse(started),
                    Long.parseLong(properties.getProperty("supervisor")),
                    Integer.parseInt(properties.getProperty("port"))));
        } catch (IOException | RuntimeException e) {
            // gone meanwhile, or half written by a process that died while writing: nothing to go by
            return Optional.empty();
        }
    }

    /**
     * The live replicas in the run folder, read again at most every {@code refresh} (and at once after a refusal), so
     * a replica that came up, or a separately started {@code --only SERVICE}, is used within that time.
     */
    public ServiceEndpoints endpoints(Duration refresh) {
        return new ServiceEndpoints() {
            private final Map<String, ServiceEndpoints.Cached> cache = new ConcurrentHashMap<>();

            @Override
            public List<URI> of(String service) {
                long now = System.nanoTime();
                ServiceEndpoints.Cached cached = cache.get(service);
                if (cached == null
                        || now - cached.at() > refresh.toNanos()
                        || cached.endpoints().isEmpty()) {
                    cached = new ServiceEndpoints.Cached(
                            now,
                            live(service).stream()
                                    .map(entry -> URI.create("http://127.0.0.1:" + entry.port()))
                                    .toList());
                    cache.put(service, cached);
                }
                return cached.endpoints();
            }

            @Override
            public void refused(String service, URI endpoint) {
                cache.remove(service);
            }
        };
    }
}
