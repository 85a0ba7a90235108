package dev.orderflow.order.domain;

import java.util.HashSet;
import java.util.List;

/**
 * A client's change to an existing order: either a new status or a list of line changes, not both.
 * Valid by construction; whether the order's state allows it is decided by {@link Order}.
 */
public record OrderChange(OrderStatus status, List<LineChange> orderItems) {

    /**
     * A change to one line, or a new line when the product is not in the order yet.
     *
     * @param productId the product
     * @param quantity  a new quantity (re-reserved by Inventory), or null
     * @param status    {@link LineStatus#CANCELED} to cancel the line, or null
     */
    public record LineChange(String productId, Integer quantity, LineStatus status) {
    }

    public OrderChange {
        if (status == null && orderItems == null) {
            throw new InvalidInput("body", "must contain status or orderItems");
        }
        if (status != null && orderItems != null) {
            throw new InvalidInput("body", "must contain either status or orderItems, not both");
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
            if (line.quantity() != null && line.status() != null) {
                throw new InvalidInput(at, "must contain either quantity or status, not both");
            }
            if (line.quantity() != null) {
                Limits.checkQuantity(at + ".quantity", line.quantity());
            }
        }
    }
}
