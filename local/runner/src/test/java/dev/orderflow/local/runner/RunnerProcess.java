package dev.orderflow.local.runner;

import dev.orderflow.local.infra.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local runner as the shop runs it: {@code java @jvm.options -jar local-runner.jar}, a process of its own on a
 * data folder, here pointed at a Kafka broker and a DynamoDB-compatible server that the fault suite owns (so it can
 * take them away while the runner lives). Its output goes to a log file, one per start, appended.
 */
final class RunnerProcess implements AutoCloseable {

    /** The runner under test: this build's, unless {@code orderflow.faults.runner-jar} names another (e.g. an older build, to compare). */
    private static final Path JAR =
            Path.of(System.getProperty("orderflow.faults.runner-jar", "target/local-runner.jar"));

    private static final Path JVM_OPTIONS = Path.of("jvm.options");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    RunnerProcess(List<String> arguments, Map<String, String> environment, Path log) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath()
                    + " is missing: the fault suite runs after the runner is packaged (mvn verify)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        this.command = new ArrayList<>(List.of(
                java,
                "@" + JVM_OPTIONS.toAbsolutePath(),
                "-jar",
                JAR.toAbsolutePath().toString()));
        this.command.addAll(arguments);
        this.environment = environment;
        this.log = log;
    }

    /** Starts the runner and waits until it says it is up; returns how long that took. */
    Duration start() {
        long started = System.nanoTime();
        var up = new CompletableFuture<Void>();
        try {
            Files.createDirectories(log.getParent());
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the runner", e);
        }
        Process running = process;
        Thread pump = new Thread(() -> pump(running, up), "runner-output");
        pump.setDaemon(true);
        pump.start();
        try {
            up.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            throw new IllegalStateException("the runner did not come up; see " + log.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the consumer groups. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many lines the runner has logged so far, over all its starts. */
    long logLines() {
        try (var lines = Files.lines(log)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(20));
        }
    }

    private void pump(Process running, CompletableFuture<Void> up) {
        try (var out = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8));
                var file = new PrintWriter(
                        Files.newBufferedWriter(
                                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                        true)) {
            String line;
            while ((line = out.readLine()) != null) {
                file.println(line);
                if (line.contains("orderflow is up")) {
                    up.complete(null);
                }
            }
            up.completeExceptionally(new IllegalStateException("the runner exited"));
        } catch (IOException e) {
            up.completeExceptionally(e);
        }
    }
}
