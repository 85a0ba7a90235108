/**
 * Kafka side of the outbox relay: an idempotent producer that sends each relayed event unchanged and
 * reports the broker's acknowledgement. The same producer runs on Lambda (MSK) and locally.
 */
package dev.orderflow.order.adapter.kafka;
