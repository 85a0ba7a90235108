package dev.orderflow.order.domain;

import java.util.HashSet;
import java.util.List;

/**
 * A client's change to an existing order: a status, line changes, or both in one body (as the product's
 * specification writes it: {@code status} and {@code orderItems}, each line with productId, quantity and status).
 * Valid by construction; whether the order's state allows it, and in which order the parts apply, is {@link Order}'s.
 */
public record OrderChange(OrderStatus status, List<LineChange> orderItems) {

    /**
     * A change to one line, or a new line when the product is not in the order yet.
     *
     * @param productId the product
     * @param quantity  a new quantity (re-reserved by Inventory), or null
     * @param status    {@link LineStatus#CANCELED} to cancel the line; the line's current status, which changes nothing
     *                  (a client echoing the line it read); or null
     */
    public record LineChange(String productId, Integer quantity, LineStatus status) {}

    public OrderChange {
        if (status == null && orderItems == null) {
            throw new InvalidInput("body", "must contain status or orderItems");
        }
        if (orderItems != null) {
            checkLines(orderItems);
            orderItems = List.copyOf(orderItems);
        }
    }

    private static void checkLines(List<LineChange> lines) {
        Limits.checkLineCount("orderItems", lines);
        var seen = new HashSet<String>();
        for (int i = 0; i < lines.size(); i++) {
            LineChange line = lines.get(i);
            String at = "orderItems[" + i + "]";
            Limits.checkProductId(at + ".productId", line.productId());
            if (!seen.add(line.productId())) {
                throw new InvalidInput(at + ".productId", "duplicates product " + line.productId());
            }
            if (line.quantity() == null && line.status() == null) {
                throw new InvalidInput(at, "must contain quantity or status");
            }
            if (line.quantity() != null) {
                Limits.checkQuantity(at + ".quantity", line.quantity());
            }
        }
    }
}
