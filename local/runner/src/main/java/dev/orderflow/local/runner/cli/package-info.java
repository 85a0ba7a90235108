/**
 * Operators' commands on the system's Kafka topics: {@code tail} a topic with its headers, {@code replay} dead letters
 * to their topic, and an order's {@code timeline} across every topic.
 */
package dev.orderflow.local.runner.cli;
