package dev.orderflow.order.adapter.function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import dev.orderflow.order.application.ExpireUnpaidOrders;

/** The payment hold's entry point (an EventBridge schedule on AWS, the runner's schedule locally): one run, one line. */
public final class ScheduledExpiry {

    private static final Logger log = LoggerFactory.getLogger(ScheduledExpiry.class);

    private final ExpireUnpaidOrders expire;
    private final int batchSize;

    public ScheduledExpiry(ExpireUnpaidOrders expire, int batchSize) {
        this.expire = expire;
        this.batchSize = batchSize;
    }

    public void run(ScheduledEvent schedule) {
        int expired = expire.run(batchSize);
        if (expired > 0) {
            log.info("Payment hold: {} unpaid orders EXPIRED, their stock goes back", expired);
        }
    }
}
