package dev.orderflow.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.orderflow.lambda.snapstart.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The handler of every Lambda: Spring Cloud Function's {@link FunctionInvoker}, which picks the function
 * from {@code SPRING_CLOUD_FUNCTION_DEFINITION}, with one guard in front of it
 * ({@link ApiGatewayEvents#shieldArrayBody}). Everything else is Spring Cloud Function's own path.
 */
public class ApiGatewayFunctionInvoker extends FunctionInvoker {

    static {
        if (LambdaLogging.inLambda()) {
            // Cold starts: Logback is configured once, by LambdaLogging, not a second time by Spring Boot; and no
            // background thread pre-initialises what a function never uses, competing for a fraction of a vCPU
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        }
    }

    /**
     * Used by the Lambda runtime: the function comes from {@code SPRING_CLOUD_FUNCTION_DEFINITION}. With SnapStart,
     * the function's priming request ({@code priming/<function>.json} in its jar, if there is one) goes through
     * this handler once before the snapshot.
     */
    public ApiGatewayFunctionInvoker() {
        super();
        String function = System.getenv("SPRING_CLOUD_FUNCTION_DEFINITION");
        byte[] primingEvent = function == null ? null : primingEvent(function);
        if (primingEvent != null) {
            Priming.beforeSnapshot("the " + function + " request path", () -> invoke(function, primingEvent, 10_000));
        }
    }

    /**
     * The request that primes {@code function}: one that reads at most (a rejected body, an unknown id), so
     * that it changes nothing; null for functions without one.
     */
    public static byte[] primingEvent(String function) {
        try (InputStream in =
                ApiGatewayFunctionInvoker.class.getClassLoader().getResourceAsStream("priming/" + function + ".json")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Used by tests and the local runner to serve one named function. */
    public ApiGatewayFunctionInvoker(String functionDefinition) {
        super(functionDefinition);
    }

    /**
     * One invocation outside Lambda (the local runner, tests): event bytes in, response bytes out, through
     * {@link #handleRequest} exactly as the runtime calls it.
     */
    public byte[] invoke(String functionName, byte[] event, long timeoutMillis) {
        var out = new ByteArrayOutputStream();
        try {
            handleRequest(new ByteArrayInputStream(event), out, LocalLambdaContext.of(functionName, timeoutMillis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // every log line of the invocation names the function and Lambda's request id
        try (var function = org.slf4j.MDC.putCloseable("function", context.getFunctionName());
                var request = org.slf4j.MDC.putCloseable("requestId", context.getAwsRequestId())) {
            super.handleRequest(
                    new ByteArrayInputStream(ApiGatewayEvents.shieldArrayBody(input.readAllBytes())), output, context);
        }
    }
}
