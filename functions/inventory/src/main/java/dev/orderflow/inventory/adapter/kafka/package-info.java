/** Inventory's answers and alerts on Kafka, as CloudEvents with ids derived from what they describe. */
package dev.orderflow.inventory.adapter.kafka;
