/**
 * The wire contract between the services: topic names and the records that travel on them.
 *
 * <p>Every event is a CloudEvents 1.0 envelope in structured JSON mode ({@link CloudEvent}) whose
 * {@code data} is one of the records here. The JSON shape is pinned by golden-file tests, so a change
 * that breaks consumers fails the build. This package holds data only: no behaviour, no framework.
 */
package dev.orderflow.contracts;
