/**
 * The local runner: the deployed Lambda handlers, unchanged, behind stand-ins for the two AWS pieces that
 * call them (API Gateway's HTTP API, and the DynamoDB Streams event source mapping), on an embedded Kafka
 * broker and a DynamoDB-compatible server. Everything listens on 127.0.0.1 unless told otherwise.
 */
package dev.orderflow.local.runner;
