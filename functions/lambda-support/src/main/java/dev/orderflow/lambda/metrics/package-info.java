/** Business and pipeline metrics in CloudWatch Embedded Metric Format ({@link dev.orderflow.lambda.metrics.Metrics}). */
package dev.orderflow.lambda.metrics;
