package dev.orderflow.order.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life.
 *
 * <pre>
 * PENDING --(inventory outcomes)--> CONFIRMED | PARTIALLY_CONFIRMED | REJECTED
 * CONFIRMED, PARTIALLY_CONFIRMED --(client)--> PAID --(client)--> SHIPPED --(client)--> DELIVERED
 * PENDING, CONFIRMED, PARTIALLY_CONFIRMED, PAID --(client)--> CANCELED
 * CONFIRMED, PARTIALLY_CONFIRMED --(not paid within the payment hold)--> EXPIRED
 * </pre>
 *
 * REJECTED, DELIVERED, CANCELED and EXPIRED are final. Clients never set PENDING, CONFIRMED, PARTIALLY_CONFIRMED
 * or REJECTED: those follow from the lines (see {@link Order#deriveStatus}); nor EXPIRED, which the payment hold
 * sets (see {@link Order#expireUnpaid}).
 */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    PARTIALLY_CONFIRMED,
    REJECTED,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELED,
    EXPIRED;

    private static final Set<OrderStatus> DERIVED = EnumSet.of(PENDING, CONFIRMED, PARTIALLY_CONFIRMED, REJECTED);
    /** What a client may ask for; the rest follow from the lines or from the payment hold. */
    private static final Set<OrderStatus> CLIENT_SET = EnumSet.of(PAID, SHIPPED, DELIVERED, CANCELED);

    /** Whether a client may move an order from this status to {@code target}. */
    public boolean clientMayMoveTo(OrderStatus target) {
        return switch (target) {
            case PAID -> this == CONFIRMED || this == PARTIALLY_CONFIRMED;
            case SHIPPED -> this == PAID;
            case DELIVERED -> this == SHIPPED;
            case CANCELED -> this == PENDING || this == CONFIRMED || this == PARTIALLY_CONFIRMED || this == PAID;
            default -> false;
        };
    }

    /** Statuses that follow from the lines' inventory outcomes and are never set by a client. */
    public boolean isDerivedFromLines() {
        return DERIVED.contains(this);
    }

    /** Confirmed by Inventory and not paid yet: what the payment hold applies to. */
    public boolean awaitsPayment() {
        return this == CONFIRMED || this == PARTIALLY_CONFIRMED;
    }

    /** Lines may change (quantity, cancel, add) only before payment and before a final status. */
    public boolean allowsLineChanges() {
        return this == PENDING || this == CONFIRMED || this == PARTIALLY_CONFIRMED;
    }

    public static OrderStatus parse(String field, String value) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput(field, "must be one of the statuses a client may set: " + CLIENT_SET);
        }
    }
}
