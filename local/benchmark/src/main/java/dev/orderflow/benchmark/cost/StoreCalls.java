package dev.orderflow.benchmark.cost;

import java.util.List;

/**
 * The DynamoDB calls of one order with one line in stock, from placing it to its final status, as the code makes them
 * ({@code OrderStoreWorkIT} checks this list against the calls the services' own code makes): the tables of the items
 * written in one transaction, or read by key, strongly consistent. The reservation is absent at the first read; a
 * read of an absent item is billed as the smallest read. The order's {@code OrderUpdated} (no line left waiting)
 * changes nothing at Inventory: nothing is written and no answer follows.
 */
public final class StoreCalls {

    public record Call(String stage, String call, List<String> tables, boolean transactionalWrite) {}

    public static final List<Call> PER_ORDER = List.of(
            // the customer's holdings item (what they hold in open unpaid orders) and the order's history entries (one
            // per
            // version) live in the orders table
            new Call(
                    "createOrder",
                    "TransactWriteItems: order, outbox event, history entry, idempotency key, the customer's holdings",
                    List.of("orders", "order-outbox", "orders", "order-idempotency", "orders"),
                    true),
            new Call(
                    "Inventory, OrderCreated",
                    "BatchGetItem: reservation (absent), product",
                    List.of("inventory-reservations", "inventory-products"),
                    false),
            new Call(
                    "Inventory, OrderCreated",
                    "TransactWriteItems: product, reservation",
                    List.of("inventory-products", "inventory-reservations"),
                    true),
            new Call("Order Management, answer", "BatchGetItem: order", List.of("orders"), false),
            new Call(
                    "Order Management, answer",
                    "TransactWriteItems: order, outbox event, history entry",
                    List.of("orders", "order-outbox", "orders"),
                    true),
            new Call(
                    "Inventory, OrderUpdated",
                    "BatchGetItem: reservation, product (nothing to write, no answer)",
                    List.of("inventory-reservations", "inventory-products"),
                    false));

    private StoreCalls() {}
}
