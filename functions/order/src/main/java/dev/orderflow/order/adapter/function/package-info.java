/**
 * The Lambda entry points: one {@code java.util.function.Function} per route or trigger, each turning
 * its envelope (API Gateway HTTP API event, DynamoDB Streams event) into a use-case call and the outcome
 * into a response. Request parsing and the mapping of failures to HTTP statuses live in one place each
 * ({@code OrderRequests}, {@code HttpExchange}).
 */
package dev.orderflow.order.adapter.function;
