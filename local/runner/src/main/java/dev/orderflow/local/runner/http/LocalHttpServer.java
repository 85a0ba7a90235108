package dev.orderflow.local.runner.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server of the local system (the gateway's, a service's Invoke API): the JDK's server on one address, with a
 * pool of daemon worker threads, so a request never waits for another's function, and without Nagle's delay.
 */
public final class LocalHttpServer implements AutoCloseable {

    private static final int WORKERS = 64;
    private static final int BACKLOG = 256;

    private final HttpServer server;
    private final ExecutorService workers;

    private LocalHttpServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** @param threads the workers' thread name */
    public static LocalHttpServer start(String host, int port, String threads, HttpHandler handler) throws IOException {
        // small responses go out at once, not held by Nagle's algorithm until the client's delayed ACK (up to ~40 ms on
        // Linux when a response is written in more than one segment); the benchmark saw no difference at the API
        // (docs/performance.md), where answers are one segment - kept as the safe setting, not as a measured gain
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, threads);
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(workers);
        server.start();
        return new LocalHttpServer(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops taking connections, lets exchanges in hand finish for up to a second, then stops the workers. */
    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
