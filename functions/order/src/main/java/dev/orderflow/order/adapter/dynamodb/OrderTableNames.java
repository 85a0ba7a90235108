package dev.orderflow.order.adapter.dynamodb;

/** The names of the three order tables, from configuration. */
public record OrderTableNames(String orders, String outbox, String idempotency) {}
