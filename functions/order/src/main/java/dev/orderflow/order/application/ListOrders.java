package dev.orderflow.order.application;

import dev.orderflow.order.domain.InvalidInput;
import dev.orderflow.order.domain.Limits;
import dev.orderflow.order.domain.Requester;

/** Pages through a user's orders, newest first: a customer's own, or any customer's for the back office. */
public final class ListOrders {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final Orders orders;

    public ListOrders(Orders orders) {
        this.orders = orders;
    }

    /**
     * @param userId whose orders: null for the customer's own (required for the back office)
     * @param limit  page size, 1..100, or null for {@value #DEFAULT_LIMIT}
     * @param cursor the {@code nextCursor} of the previous page, or null
     */
    public OrderPage list(Requester requester, String userId, Integer limit, String cursor) {
        String owner = Limits.checkId("userId", requester.ownerToList(userId));
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be an integer between 1 and " + MAX_LIMIT);
        }
        return orders.findByUser(owner, size, cursor);
    }
}
