package dev.orderflow.local.infra;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the processes the local tools start (servers, Lambda runtimes, the runner). */
public final class Processes {

    private Processes() {}

    /** Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it and waits as long again. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
