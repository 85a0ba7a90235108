package dev.orderflow.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An order and its lines. Immutable: every change returns a new order with {@code version + 1}, which
 * is what the store uses for optimistic locking.
 *
 * <p>Invariants: 1..50 lines with distinct products; a line is EXECUTED only through an inventory
 * outcome; while any line is PENDING the order is PENDING; otherwise PENDING, CONFIRMED,
 * PARTIALLY_CONFIRMED and REJECTED follow from the lines ({@link #deriveStatus}).
 *
 * @param confirmedAt when Inventory first confirmed the order (CONFIRMED or PARTIALLY_CONFIRMED), null before: the
 *                    payment hold counts from it, and no later change of lines or re-confirmation moves it
 */
public record Order(
        String orderId,
        String userId,
        OrderStatus status,
        List<OrderLine> orderItems,
        Instant createdAt,
        Instant updatedAt,
        Instant confirmedAt,
        long version) {

    public Order {
        orderItems = List.copyOf(orderItems);
    }

    /** A new order: every line PENDING, version 1. */
    public static Order place(String orderId, NewOrder request, Instant now) {
        List<OrderLine> lines = request.orderItems().stream()
                .map(line -> OrderLine.pending(line.productId(), line.quantity(), 1))
                .toList();
        return new Order(orderId, request.userId(), OrderStatus.PENDING, lines, now, now, null, 1);
    }

    /**
     * Applies a client's change, as one new version: its line changes first, then its status, the state machine's
     * order (a status equal to the order's as it was read is an echo and changes nothing). A status that cannot follow
     * the line changes - PAID after a change that makes the order PENDING until Inventory answers - refuses the whole
     * change, saying so. Returns this same instance when the change changes nothing.
     */
    public Order apply(OrderChange change, Instant now) {
        Order result = change.orderItems() == null ? this : changeLines(change.orderItems(), now);
        if (change.status() != null && change.status() != status) {
            try {
                result = result.moveTo(change.status(), now);
            } catch (TransitionForbidden e) {
                if (result == this) {
                    throw e;
                }
                throw new TransitionForbidden("status " + change.status()
                        + " cannot follow these line changes, which leave the order " + result.status()
                        + (result.status() == OrderStatus.PENDING ? " until Inventory answers" : "") + ": "
                        + e.getMessage());
            }
        }
        return result == this
                ? this
                : new Order(
                        orderId,
                        userId,
                        result.status(),
                        result.orderItems(),
                        createdAt,
                        now,
                        result.confirmedAt(),
                        version + 1);
    }

    private Order moveTo(OrderStatus target, Instant now) {
        if (target == status) {
            return this;
        }
        if (target.isDerivedFromLines()) {
            throw new TransitionForbidden(
                    "status " + target + " follows from inventory outcomes; clients cannot set it");
        }
        if (target == OrderStatus.EXPIRED) {
            throw new TransitionForbidden(
                    "status EXPIRED is set when an order is not paid within the payment hold; clients cannot set it");
        }
        if (status == OrderStatus.EXPIRED) {
            throw new TransitionForbidden(
                    "the order EXPIRED: it was not paid within the payment hold and its stock was released; "
                            + "place a new order");
        }
        if (!status.clientMayMoveTo(target)) {
            throw new TransitionForbidden("an order cannot go from " + status + " to " + target);
        }
        List<OrderLine> lines = target == OrderStatus.CANCELED
                ? orderItems.stream()
                        .map(l -> l.status() == LineStatus.CANCELED ? l : l.canceled(OrderLine.ORDER_CANCELED))
                        .toList()
                : orderItems;
        return next(target, lines, now);
    }

    private Order changeLines(List<OrderChange.LineChange> changes, Instant now) {
        if (!status.allowsLineChanges()) {
            throw new TransitionForbidden("lines of a " + status + " order cannot change");
        }
        Map<String, OrderLine> lines = new LinkedHashMap<>();
        orderItems.forEach(line -> lines.put(line.productId(), line));
        for (int i = 0; i < changes.size(); i++) {
            OrderChange.LineChange change = changes.get(i);
            OrderLine current = lines.get(change.productId());
            lines.put(
                    change.productId(),
                    current == null ? added(change, i, version + 1) : changed(current, change, i, version + 1));
        }
        if (lines.size() > Limits.MAX_LINES) {
            throw new InvalidInput("orderItems", "an order holds at most " + Limits.MAX_LINES + " lines");
        }
        List<OrderLine> updated = new ArrayList<>(lines.values());
        if (updated.equals(orderItems)) {
            return this;
        }
        return next(deriveStatus(updated), updated, now);
    }

    private static OrderLine added(OrderChange.LineChange change, int index, long atVersion) {
        if (change.quantity() == null) {
            throw new InvalidInput(
                    "orderItems[" + index + "].quantity", "is required for a product not yet in the order");
        }
        if (change.status() != null && change.status() != LineStatus.PENDING) {
            throw new InvalidInput(
                    "orderItems[" + index + "].status", "a product not yet in the order becomes a PENDING line");
        }
        return OrderLine.pending(change.productId(), change.quantity(), atVersion);
    }

    private static OrderLine changed(OrderLine current, OrderChange.LineChange change, int index, long atVersion) {
        LineStatus asked = change.status();
        if (asked != null && asked != LineStatus.CANCELED && asked != current.status()) {
            throw new TransitionForbidden("orderItems[" + index + "].status: clients may only set CANCELED; " + asked
                    + " follows from inventory outcomes");
        }
        if (asked == LineStatus.CANCELED) {
            if (change.quantity() != null && change.quantity() != current.quantity()) {
                throw new TransitionForbidden(
                        "orderItems[" + index + "]: a line is either cancelled or given a new quantity, not both");
            }
            return current.status() == LineStatus.CANCELED ? current : current.canceled(OrderLine.CANCELED_BY_CUSTOMER);
        }
        if (change.quantity() == null) {
            // the line's own status, echoed: nothing to change
            return current;
        }
        boolean unchanged = change.quantity() == current.quantity() && current.status() != LineStatus.CANCELED;
        return unchanged ? current : current.withQuantity(change.quantity(), atVersion);
    }

    /**
     * Applies Inventory's answer to {@code answeredVersion} of this order: each answered line that is still
     * PENDING, became PENDING at or before that version and still asks for the answered quantity becomes
     * EXECUTED or CANCELED. Anything else in the answer is stale and ignored, so answers arriving late,
     * twice or out of order never corrupt the order. Returns this same instance when nothing applies. An answer that
     * cannot be true - for a version the order never had, about a product it does not hold - is
     * {@link ImplausibleEvent}.
     */
    public Order applyAnswer(long answeredVersion, List<InventoryAnswer> answers, Instant now) {
        if (answeredVersion > version) {
            throw new ImplausibleEvent("orderVersion: " + answeredVersion
                    + " answers a version the order never had (it is at " + version + ")");
        }
        for (InventoryAnswer answer : answers) {
            if (orderItems.stream().noneMatch(line -> line.productId().equals(answer.productId()))) {
                throw new ImplausibleEvent("orderItems: product " + answer.productId() + " is no line of the order");
            }
        }
        if (!status.isDerivedFromLines()) {
            return this;
        }
        Map<String, InventoryAnswer> byProduct = new HashMap<>();
        answers.forEach(answer -> byProduct.put(answer.productId(), answer));
        List<OrderLine> updated = new ArrayList<>(orderItems.size());
        boolean changed = false;
        for (OrderLine line : orderItems) {
            InventoryAnswer answer = byProduct.get(line.productId());
            if (answer != null
                    && line.status() == LineStatus.PENDING
                    && line.revision() <= answeredVersion
                    && line.quantity() == answer.quantity()) {
                updated.add(answer.executed() ? line.executed() : line.canceled(answer.reason()));
                changed = true;
            } else {
                updated.add(line);
            }
        }
        return changed ? next(deriveStatus(updated), updated, now) : this;
    }

    /**
     * Whether the order holds stock for a payment that has not come: confirmed and not paid, or PENDING again after its
     * confirmation because its lines changed (the unchanged lines still hold their stock).
     */
    public boolean awaitsPayment() {
        return status.awaitsPayment() || (status == OrderStatus.PENDING && confirmedAt != null);
    }

    /**
     * The payment hold ran out: an order {@linkplain #awaitsPayment awaiting payment} becomes EXPIRED and every line it
     * still holds or asks stock for is cancelled ({@code PAYMENT_TIMEOUT}), so Inventory releases it. Any other order is
     * returned as it is.
     */
    public Order expireUnpaid(Instant now) {
        if (!awaitsPayment()) {
            return this;
        }
        List<OrderLine> updated = orderItems.stream()
                .map(l -> l.status() == LineStatus.CANCELED ? l : l.canceled(OrderLine.PAYMENT_TIMEOUT))
                .toList();
        return next(OrderStatus.EXPIRED, updated, now);
    }

    /**
     * What this order holds for its customer while it is open and unpaid (PENDING, CONFIRMED, PARTIALLY_CONFIRMED): itself,
     * and the units its lines not cancelled ask for or hold. Nothing once it is paid or final.
     */
    public Holding holding() {
        if (status != OrderStatus.PENDING && !status.awaitsPayment()) {
            return Holding.NONE;
        }
        Map<String, Integer> units = new TreeMap<>();
        orderItems.stream()
                .filter(line -> line.status() != LineStatus.CANCELED)
                .forEach(line -> units.merge(line.productId(), line.quantity(), Integer::sum));
        return new Holding(1, units);
    }

    /**
     * Whether this version is Inventory's first decision about the order (CONFIRMED, PARTIALLY_CONFIRMED or REJECTED
     * for the first time), whatever changed before it - a customer may change lines before Inventory first answers.
     */
    public boolean decidedForTheFirstTime() {
        return switch (status) {
            case CONFIRMED, PARTIALLY_CONFIRMED -> updatedAt.equals(confirmedAt);
            case REJECTED -> confirmedAt == null;
            default -> false;
        };
    }

    /** The next version of this order; the first confirmation is remembered, later ones do not move it. */
    private Order next(OrderStatus newStatus, List<OrderLine> lines, Instant now) {
        Instant confirmed = confirmedAt == null && newStatus.awaitsPayment() ? now : confirmedAt;
        return new Order(orderId, userId, newStatus, lines, createdAt, now, confirmed, version + 1);
    }

    /** Gives up waiting for Inventory: every PENDING line is cancelled ({@code INVENTORY_TIMEOUT}). */
    public Order timeOutPendingLines(Instant now) {
        if (status != OrderStatus.PENDING) {
            return this;
        }
        List<OrderLine> updated = orderItems.stream()
                .map(l -> l.status() == LineStatus.PENDING ? l.canceled(OrderLine.INVENTORY_TIMEOUT) : l)
                .toList();
        return next(deriveStatus(updated), updated, now);
    }

    /**
     * The status that the lines imply: PENDING while any line awaits Inventory; otherwise CONFIRMED when
     * every line the customer kept was executed, PARTIALLY_CONFIRMED when some were, and when none were,
     * CANCELED if the customer cancelled lines, else REJECTED.
     */
    public static OrderStatus deriveStatus(List<OrderLine> lines) {
        if (lines.stream().anyMatch(l -> l.status() == LineStatus.PENDING)) {
            return OrderStatus.PENDING;
        }
        long executed =
                lines.stream().filter(l -> l.status() == LineStatus.EXECUTED).count();
        long keptByCustomer =
                lines.stream().filter(l -> !l.canceledByCustomer()).count();
        if (executed > 0) {
            return executed == keptByCustomer ? OrderStatus.CONFIRMED : OrderStatus.PARTIALLY_CONFIRMED;
        }
        return keptByCustomer < lines.size() ? OrderStatus.CANCELED : OrderStatus.REJECTED;
    }
}
