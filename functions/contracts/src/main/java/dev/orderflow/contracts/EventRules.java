package dev.orderflow.contracts;

import java.util.Set;

/**
 * What a well-formed event between the services holds, said once for the producer that makes it and the consumer
 * that checks it: who may be its {@code source}, the bounds of an order (lines, quantities) and the statuses that
 * exist. A consumer believes nothing it is told (Kafka is a trust boundary): an event outside these rules is poison.
 */
public final class EventRules {

    /** The {@code source} of Order Management's events ({@code order-events}). */
    public static final String ORDER_MANAGEMENT = "/oms/orders";
    /** The {@code source} of Inventory's events ({@code inventory-events}, {@code inventory-alerts}). */
    public static final String INVENTORY = "/inventory";

    public static final int MAX_LINES = 50;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000;

    public static final Set<String> ORDER_STATUSES = Set.of(
            "PENDING",
            "CONFIRMED",
            "PARTIALLY_CONFIRMED",
            "REJECTED",
            "PAID",
            "SHIPPED",
            "DELIVERED",
            "CANCELED",
            "EXPIRED");
    public static final Set<String> LINE_STATUSES = Set.of("PENDING", "EXECUTED", "CANCELED");
    public static final Set<String> ANSWER_ACTIONS =
            Set.of(ReservationOutcome.RESERVED, ReservationOutcome.RELEASED, ReservationOutcome.SHIPPED);
    public static final Set<String> ANSWER_LINE_STATUSES = Set.of("EXECUTED", "CANCELED");
    public static final Set<String> ANSWER_REASONS = Set.of("OUT_OF_STOCK", "UNKNOWN_PRODUCT");

    /**
     * How far an order's version may be ahead of the last one a consumer applied. Every change of an order is an
     * event, delivered in order per order, so a consumer sees the versions one by one; a version far ahead is not
     * "newer", it is made up (a forged {@code Long.MAX_VALUE} would otherwise make every real event look stale).
     */
    public static final long MAX_VERSION_STEP = 100;

    private EventRules() {}
}
