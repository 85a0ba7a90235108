/**
 * Inventory's use cases, one public method each, and the ports they need ({@link
 * dev.orderflow.inventory.application.Stock}, {@link dev.orderflow.inventory.application.InventoryEvents}).
 */
package dev.orderflow.inventory.application;
