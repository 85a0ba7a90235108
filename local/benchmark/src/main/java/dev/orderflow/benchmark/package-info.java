/**
 * The pipeline benchmark: the local system in a process of its own, an open-model load on
 * {@code POST /oms/orders}, end-to-end latency from the POST to the order's final status as observed on
 * {@code order-events}, the system's CPU and memory, and the ceiling its stores allow, measured in the same
 * run on the same machine.
 */
package dev.orderflow.benchmark;
