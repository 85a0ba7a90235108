/**
 * Explicit wiring of Order Management: typed settings with environment defaults, the clients, the use
 * cases and the function beans. No classpath scanning.
 */
package dev.orderflow.order.config;
