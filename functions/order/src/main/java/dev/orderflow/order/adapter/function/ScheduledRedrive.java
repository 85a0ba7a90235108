package dev.orderflow.order.adapter.function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import dev.orderflow.order.application.RedrivePendingOrders;
import dev.orderflow.order.application.RedrivePolicy;

/**
 * The re-drive's entry point (an EventBridge schedule on AWS, the runner's schedule locally): one run, and one
 * line for operators when orders have waited for Inventory longer than they should. That line carries the marker
 * {@value #OVERDUE_MARKER}, which the SAM template's metric filter counts and alarms on.
 */
public final class ScheduledRedrive {

    public static final String OVERDUE_MARKER = "ORDERS_PENDING_TOO_LONG";

    private static final Logger log = LoggerFactory.getLogger(ScheduledRedrive.class);

    private final RedrivePendingOrders redrive;
    private final RedrivePolicy policy;
    private final int batchSize;

    public ScheduledRedrive(RedrivePendingOrders redrive, RedrivePolicy policy, int batchSize) {
        this.redrive = redrive;
        this.policy = policy;
        this.batchSize = batchSize;
    }

    public void run(ScheduledEvent schedule) {
        RedrivePendingOrders.Run run = redrive.run(batchSize);
        if (run.overdue() > 0) {
            log.warn("{}: {} orders wait for Inventory longer than {} (longest {} s); {} published again, {} given up at the {} deadline",
                    OVERDUE_MARKER, run.overdue(), policy.alertAfter(), run.longestWait().toSeconds(), run.redriven(), run.givenUp(),
                    policy.deadline());
        } else if (run.redriven() + run.givenUp() > 0) {
            log.info("Re-drive: {} orders published again, {} given up at the {} deadline", run.redriven(), run.givenUp(),
                    policy.deadline());
        }
    }
}
