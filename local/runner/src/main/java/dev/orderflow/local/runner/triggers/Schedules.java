package dev.orderflow.local.runner.triggers;

import dev.orderflow.local.runner.lambda.Functions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for an EventBridge schedule: invokes a function with a scheduled event at a fixed rate. It lives
 * in the platform, as EventBridge is outside the function on AWS, so a schedule runs once per period whatever the
 * number of the service's replicas. A run while no process of the service is up is skipped (the next one comes).
 * {@link #close()} lets a run in hand finish, so a stop never cuts one short.
 */
public final class Schedules implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Schedules.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schedules");
        thread.setDaemon(true);
        return thread;
    });

    public void every(Duration rate, String function, Functions functions) {
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        functions.invoke(function, scheduledEvent().getBytes(StandardCharsets.UTF_8));
                    } catch (Functions.Unavailable e) {
                        log.debug("Scheduled run of {} skipped: {}", function, e.getMessage());
                    } catch (RuntimeException e) {
                        log.warn("Scheduled run of {} failed: {}", function, e.toString());
                    }
                },
                rate.toMillis(),
                rate.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Function {} runs every {} s", function, rate.toSeconds());
    }

    /** How often the re-drive runs: often enough that an order is re-driven soon after it is due. */
    public static Duration redriveRate(Duration after) {
        Duration third = after.dividedBy(3);
        return third.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : third;
    }

    /** How often the payment hold is checked: a third of the hold, between every second and every minute (as on AWS). */
    public static Duration expiryRate(Duration hold) {
        Duration third = hold.dividedBy(3);
        Duration minute = Duration.ofMinutes(1);
        return third.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : third.compareTo(minute) > 0 ? minute : third;
    }

    private static String scheduledEvent() {
        return "{\"version\":\"0\",\"id\":\"" + java.util.UUID.randomUUID() + "\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"000000000000\",\"time\":\""
                + Instant.now().toString().substring(0, 19)
                + "Z\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{}}";
    }

    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timer.shutdownNow();
        }
    }
}
