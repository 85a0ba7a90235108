/**
 * The Lambda entry point every service deploys, and the one transformation it applies to incoming
 * events before Spring Cloud Function sees them.
 */
package dev.orderflow.lambda;
