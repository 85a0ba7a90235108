package dev.orderflow.local.runner.supervision;

import dev.orderflow.local.runner.lambda.InvokeApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * {@code local-runner status [--data-dir=DIR]}: every process of the local system in the run folder - name, pid, the
 * process that supervises it, port, and health (a service answers its Invoke API's {@code /status}; the platform and
 * the store take a connection). Exits 0 when every listed process is healthy, 1 otherwise, 3 when nothing runs.
 */
public final class ProcessStatus {

    public static final String USAGE =
            "usage: local-runner status [--data-dir=DIR]   every process of the local system, with its health\n";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private ProcessStatus() {}

    /** Prints the table; returns the exit code. */
    public static int run(List<String> args) {
        Path dataDir = Path.of(".data");
        for (String arg : args) {
            if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        var registry = new ProcessRegistry(dataDir.toAbsolutePath().resolve("run"));
        List<ProcessRegistry.Entry> entries = registry.entries();
        if (entries.isEmpty()) {
            System.out.println("nothing runs on " + dataDir + " (no process in " + registry.dir() + ")");
            return 3;
        }
        System.out.printf("%-14s %-8s %-11s %-6s %s%n", "PROCESS", "PID", "SUPERVISOR", "PORT", "HEALTH");
        boolean healthy = true;
        for (ProcessRegistry.Entry entry : entries) {
            String health = health(entry);
            healthy &= health.equals("up");
            System.out.printf(
                    "%-14s %-8d %-11s %-6d %s%n",
                    entry.name(),
                    entry.pid(),
                    entry.supervisor() == 0 ? "-" : Long.toString(entry.supervisor()),
                    entry.port(),
                    health);
        }
        return healthy ? 0 : 1;
    }

    /** {@code up}, {@code gone} (the process is not running), or {@code not answering}. */
    static String health(ProcessRegistry.Entry entry) {
        if (!entry.alive()) {
            return "gone";
        }
        if (entry.replica() > 0) {
            return of(entry).path("status").asString("not answering");
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", entry.port()), (int) TIMEOUT.toMillis());
            return "up";
        } catch (IOException e) {
            return "not answering";
        }
    }

    /** A service process's own {@code /status}; missing when it does not answer. */
    public static JsonNode of(ProcessRegistry.Entry replica) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + InvokeApi.STATUS_PATH))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MissingNode.getInstance();
        }
    }
}
