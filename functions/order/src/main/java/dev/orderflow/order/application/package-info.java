/**
 * Use cases of Order Management, one public method each, and the ports they need ({@link
 * dev.orderflow.order.application.Orders}, {@link dev.orderflow.order.application.EventPublisher}).
 * Plain Java: adapters implement the ports, configuration wires them.
 */
package dev.orderflow.order.application;
