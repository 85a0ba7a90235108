/**
 * The order model and its rules: what a valid order is, which status changes are allowed and who may
 * make them, and how the order status follows from its lines. Plain Java: no framework, no I/O.
 */
package dev.orderflow.order.domain;
