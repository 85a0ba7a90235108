/**
 * Trace context across the services: one correlation id and one W3C trace from an HTTP request through every event
 * it causes, kept in the logging context while a trigger is handled ({@link dev.orderflow.lambda.trace.Traces}).
 */
package dev.orderflow.lambda.trace;
