/**
 * Cold-start floors: plain Lambda handlers doing a function's work without Spring, measured beside the deployed
 * jars by the cold-start harness. Never deployed.
 */
package dev.orderflow.benchmark.floor;
