package dev.orderflow.order.domain;

import java.util.HashSet;
import java.util.List;

/**
 * A request to place an order, valid by construction: a user, 1..50 lines with distinct products and
 * quantities in 1..10000.
 */
public record NewOrder(String userId, List<NewLine> orderItems) {

    /** One requested line. */
    public record NewLine(String productId, int quantity) {}

    public NewOrder {
        Limits.checkId("userId", userId);
        Limits.checkLineCount("orderItems", orderItems);
        var seen = new HashSet<String>();
        for (int i = 0; i < orderItems.size(); i++) {
            NewLine line = orderItems.get(i);
            Limits.checkProductId("orderItems[" + i + "].productId", line.productId());
            Limits.checkQuantity("orderItems[" + i + "].quantity", line.quantity());
            if (!seen.add(line.productId())) {
                throw new InvalidInput("orderItems[" + i + "].productId", "duplicates product " + line.productId());
            }
        }
        orderItems = List.copyOf(orderItems);
    }
}
