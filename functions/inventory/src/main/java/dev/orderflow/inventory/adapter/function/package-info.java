/**
 * Inventory's entry points: the {@code /inventory/products} routes, the order-events consumer (a Spring
 * Cloud Stream binding locally, an MSK batch on Lambda, one handler behind both), and the products
 * stream's alert detector.
 */
package dev.orderflow.inventory.adapter.function;
