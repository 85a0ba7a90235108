/**
 * Stock in DynamoDB. {@code inventory-products} (key {@code productId}; stream with old and new images for
 * the alerts) and {@code inventory-reservations} (key {@code orderId}: units held per product, the last
 * order version applied, the last answer). An order event's stock moves and its reservation are written in
 * one {@code TransactWriteItems} whose conditions keep {@code available} from going below zero.
 */
package dev.orderflow.inventory.adapter.dynamodb;
