package dev.orderflow.inventory.application;

import dev.orderflow.inventory.domain.InvalidInput;
import java.util.List;

/** The back office's view of stock alerts: each product's latest, newest first. */
public final class RecentAlerts {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final AlertFeed feed;

    public RecentAlerts(AlertFeed feed) {
        this.feed = feed;
    }

    /** @param limit 1..{@value #MAX_LIMIT}, or null for {@value #DEFAULT_LIMIT} */
    public List<AlertFeed.RecentAlert> list(Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be an integer between 1 and " + MAX_LIMIT);
        }
        return feed.recent(size);
    }
}
