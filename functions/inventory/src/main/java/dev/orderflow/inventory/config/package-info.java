/** Explicit wiring of Inventory: typed settings with environment defaults, clients, use cases, function beans. */
package dev.orderflow.inventory.config;
