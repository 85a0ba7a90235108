/**
 * Real infrastructure started in-process (Kafka) or as a child process (the DynamoDB-compatible server)
 * for the local runner and the integration tests. Nothing here is a mock: clients talk to it over TCP
 * exactly as they talk to MSK and DynamoDB. Every listener binds 127.0.0.1.
 */
package dev.orderflow.local.infra;
