package dev.orderflow.order.application;

import dev.orderflow.order.domain.CustomerLimits;
import dev.orderflow.order.domain.Limits;
import dev.orderflow.order.domain.NewOrder;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.Requester;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Accepts a new order: stores it with its {@code OrderCreated} event, at most once per idempotency key of its user
 * (keys are the user's own: two customers who pick the same key never meet).
 */
public final class PlaceOrder {

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final Supplier<String> ids;
    private final CustomerLimits limits;

    public PlaceOrder(Orders orders, OrderEvents events, Clock clock, Supplier<String> ids, CustomerLimits limits) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
        this.limits = limits;
    }

    /**
     * @param requester      who places it: a customer within their {@link CustomerLimits}, or the back office
     * @param idempotencyKey the client's key, or null
     */
    public Orders.Placed place(Requester requester, NewOrder request, String idempotencyKey) {
        Orders.IdempotencyClaim claim = idempotencyKey == null
                ? null
                : new Orders.IdempotencyClaim(
                        claimKey(request.userId(), Limits.checkId("Idempotency-Key", idempotencyKey)),
                        fingerprint(request));
        Order order = Order.place(ids.get(), request, clock.instant());
        return orders.create(order, events.created(order, ChangedBy.of(requester)), claim, limits.of(requester));
    }

    /** The user and the key, unambiguous because an identifier holds no control character. */
    static String claimKey(String userId, String idempotencyKey) {
        return userId + '\n' + idempotencyKey;
    }

    static String fingerprint(NewOrder request) {
        var canonical = new StringBuilder(request.userId()).append('\n');
        request.orderItems()
                .forEach(l -> canonical
                        .append(l.productId())
                        .append('\t')
                        .append(l.quantity())
                        .append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
