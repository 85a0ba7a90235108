package dev.orderflow.order.application;

import dev.orderflow.order.domain.InvalidInput;
import dev.orderflow.order.domain.Limits;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.Requester;
import java.util.Arrays;

/**
 * Pages through orders, newest first: a customer's own; for the back office one customer's, or every customer's
 * (those placed within the last {@value Orders#RECENT_MONTHS} months, or all those in one status). Each listing is one
 * index of the store, never a scan.
 */
public final class ListOrders {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Orders orders;

    public ListOrders(Orders orders) {
        this.orders = orders;
    }

    private static OrderStatus listed(String status) {
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", "must be one of " + Arrays.toString(OrderStatus.values()));
        }
    }

    /**
     * @param userId whose orders: null for the customer's own, or for the back office every customer's
     * @param status only orders in this status (its name), or null for any
     * @param limit  page size, 1..100, or null for {@value #DEFAULT_LIMIT}
     * @param cursor the {@code nextCursor} of the previous page, or null
     */
    public OrderPage list(Requester requester, String userId, String status, Integer limit, String cursor) {
        String owner = requester.ownerToList(userId);
        if (owner != null) {
            Limits.checkId("userId", owner);
        }
        OrderStatus wanted = status == null ? null : listed(status);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be an integer between 1 and " + MAX_LIMIT);
        }
        if (owner != null) {
            return orders.findByUser(owner, wanted, size, cursor);
        }
        return wanted == null ? orders.findRecent(size, cursor) : orders.findByStatus(wanted, size, cursor);
    }
}
