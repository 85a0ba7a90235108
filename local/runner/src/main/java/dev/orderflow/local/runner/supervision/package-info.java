/**
 * The processes of the local system: the {@code Supervisor} starts each replica of a service as a process of its own
 * ({@code ServiceCommand}), restarts it with backoff and stops it in order; the run folder ({@code ProcessRegistry})
 * names every process by pid and start time, so the gateway finds replicas, {@code local-runner status}
 * ({@code ProcessStatus}) lists them, and a new start stops what a killed one left running.
 */
package dev.orderflow.local.runner.supervision;
