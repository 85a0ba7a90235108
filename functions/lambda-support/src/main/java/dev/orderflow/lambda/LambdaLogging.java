package dev.orderflow.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging inside a Lambda, configured in code (found by Logback through {@code META-INF/services}): one console
 * appender, which Lambda ships to CloudWatch, writing one JSON object per line (Logback's {@link JsonEncoder}):
 * {@code timestamp} (epoch ms), {@code level}, {@code threadName}, {@code loggerName}, {@code formattedMessage},
 * {@code throwable} when there is one, and {@code mdc}: {@code function} and {@code requestId} (the Lambda's),
 * {@code correlationId} and {@code traceId} (the trace of the request or event being handled), {@code orderId} or
 * {@code productId} in play. No request or event body is logged; a customer's id appears only where a message names it
 * (none does). INFO by default, Kafka's clients and Spring Cloud Function's
 * event logging (customer data) at WARN. Spring Boot's own logging setup, which would configure Logback a
 * second time at every cold start, is switched off in Lambda ({@link ApiGatewayFunctionInvoker}). Outside
 * Lambda (the local runner, tests) this steps aside and Logback's usual configuration files apply.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public class LambdaLogging extends ContextAwareBase implements Configurator {

    static boolean inLambda() {
        return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!inLambda()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        var encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithKVPList(false);
        encoder.setWithMarkers(false);
        encoder.start();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger("org.apache.kafka").setLevel(Level.WARN);
        context.getLogger("org.springframework.cloud.function.adapter.aws").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
