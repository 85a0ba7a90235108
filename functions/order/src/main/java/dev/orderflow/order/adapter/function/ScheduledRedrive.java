package dev.orderflow.order.adapter.function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import dev.orderflow.order.application.RedrivePendingOrders;
import dev.orderflow.order.application.RedrivePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The re-drive's entry point (an EventBridge schedule on AWS, the runner's schedule locally): one run, and one
 * line for operators when orders have waited for Inventory longer than they should. That line carries the marker
 * {@value #OVERDUE_MARKER} for people reading the logs; the alarm watches the run's metrics
 * ({@code OrdersPendingTooLong}, {@code OldestPendingOrderAge}).
 */
public final class ScheduledRedrive {

    public static final String OVERDUE_MARKER = "ORDERS_PENDING_TOO_LONG";

    private static final Logger log = LoggerFactory.getLogger(ScheduledRedrive.class);

    private final RedrivePendingOrders redrive;
    private final RedrivePolicy policy;
    private final int batchSize;
    private final Metrics metrics;

    public ScheduledRedrive(RedrivePendingOrders redrive, RedrivePolicy policy, int batchSize, Metrics metrics) {
        this.redrive = redrive;
        this.policy = policy;
        this.batchSize = batchSize;
        this.metrics = metrics;
    }

    /** One run; the events it publishes again carry the run's own correlation id ({@code redrive-<schedule id>}). */
    public void run(ScheduledEvent schedule) {
        RedrivePendingOrders.Run run;
        try (var traced = Traces.open(Traces.of("redrive-" + schedule.getId(), null))) {
            run = redrive.run(batchSize);
            metrics.emit(
                    Metrics.Metric.count("OrdersRedriven", run.redriven()),
                    Metrics.Metric.count("OrdersTimedOut", run.givenUp()),
                    Metrics.Metric.count("OrdersPendingTooLong", run.overdue()),
                    Metrics.Metric.seconds(
                            "OldestPendingOrderAge", run.longestWait().toSeconds()));
        }
        if (run.overdue() > 0) {
            log.warn(
                    "{}: {} orders wait for Inventory longer than {} (longest {} s); {} published again, {} given up at the {} deadline",
                    OVERDUE_MARKER,
                    run.overdue(),
                    policy.alertAfter(),
                    run.longestWait().toSeconds(),
                    run.redriven(),
                    run.givenUp(),
                    policy.deadline());
        } else if (run.redriven() + run.givenUp() > 0) {
            log.info(
                    "Re-drive: {} orders published again, {} given up at the {} deadline",
                    run.redriven(),
                    run.givenUp(),
                    policy.deadline());
        }
    }
}
