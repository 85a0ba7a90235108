/**
 * What every service's functions share, below their own code: the Lambda entry point every service deploys
 * ({@code ApiGatewayFunctionInvoker}) and the one transformation it applies to incoming events before Spring Cloud
 * Function sees them ({@code LambdaEventConverter}), the explicit bean wiring ({@code FunctionWiring}), logging,
 * the one judgement of what a failure means ({@code Failures}) and the one policy for a write that lost its race
 * ({@code ContentionRetry}). Below it: the HTTP exchange and envelope ({@code http}), Kafka - the producer, client
 * settings, MSK batches, event runs, checked event fields, dead letters ({@code kafka}), the DynamoDB client
 * ({@code aws}), metrics, traces and SnapStart priming. Services' domain and application layers use none of it.
 */
package dev.orderflow.lambda;
