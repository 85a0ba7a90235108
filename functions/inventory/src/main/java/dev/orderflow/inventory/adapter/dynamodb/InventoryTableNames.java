package dev.orderflow.inventory.adapter.dynamodb;

/** The names of the inventory tables, from configuration. */
public record InventoryTableNames(String products, String reservations) {}
