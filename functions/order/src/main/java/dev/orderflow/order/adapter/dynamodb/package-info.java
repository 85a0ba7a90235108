/**
 * Orders in DynamoDB through the Enhanced Client. Three tables: {@code orders} (key {@code orderId}, index
 * {@code byUser} on {@code userId} + {@code createdAt} for the newest-first listing), {@code order-outbox}
 * (one item per event, streamed to the relay, expired by TTL) and {@code order-idempotency} (one item per
 * Idempotency-Key, expired by TTL). Every write is one {@code TransactWriteItems} call that stores the
 * order together with its outbox event, so no event exists for an order that was not stored.
 */
package dev.orderflow.order.adapter.dynamodb;
