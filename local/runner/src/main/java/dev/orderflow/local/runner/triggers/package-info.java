/**
 * The event sources, as the template declares them: DynamoDB Streams triggers with their checkpoints
 * ({@code DynamoDbStreamTrigger}, {@code StreamCheckpoints}) and the schedules ({@code Schedules}) run in the platform;
 * the MSK triggers run in each service's process, its topic consumed through Spring Cloud Stream in batches
 * ({@code StreamBindings}, {@code KafkaTrigger}) with the retries of a record the function handed back
 * ({@code ConsumerRetries}).
 */
package dev.orderflow.local.runner.triggers;
