package dev.orderflow.order.adapter.function;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.orderflow.lambda.metrics.Metrics;
import dev.orderflow.lambda.trace.Traces;
import dev.orderflow.order.application.ExpireUnpaidOrders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The payment hold's entry point (an EventBridge schedule on AWS, the runner's schedule locally): one run, one line. */
public final class ScheduledExpiry {

    private static final Logger log = LoggerFactory.getLogger(ScheduledExpiry.class);

    private final ExpireUnpaidOrders expire;
    private final int batchSize;
    private final Metrics metrics;

    public ScheduledExpiry(ExpireUnpaidOrders expire, int batchSize, Metrics metrics) {
        this.expire = expire;
        this.batchSize = batchSize;
        this.metrics = metrics;
    }

    /** One run; the events of the orders it expires carry the run's own correlation id ({@code expiry-<schedule id>}). */
    public void run(ScheduledEvent schedule) {
        int expired;
        try (var traced = Traces.open(Traces.of("expiry-" + schedule.getId(), null))) {
            expired = expire.run(batchSize);
            metrics.emit(Metrics.Metric.count("OrdersExpired", expired));
        }
        if (expired > 0) {
            log.info("Payment hold: {} unpaid orders EXPIRED, their stock goes back", expired);
        }
    }
}
