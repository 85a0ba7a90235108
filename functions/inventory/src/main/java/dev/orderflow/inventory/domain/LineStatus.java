package dev.orderflow.inventory.domain;

/** Where an order line stands: waiting for Inventory, sold from stock, or not sold (see {@link Outcome.Reason}). */
public enum LineStatus {
    PENDING,
    EXECUTED,
    CANCELED
}
