package dev.orderflow.local.runner.lambda;

import dev.orderflow.lambda.ApiGatewayFunctionInvoker;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs function beans the way Lambda does: each through the deployed handler class
 * ({@link ApiGatewayFunctionInvoker}, event bytes in, response bytes out), each handler instance (an
 * "execution environment" with its own Spring context) serving one invocation at a time, and at most
 * {@code concurrency} environments per function, created on demand as Lambda scales out.
 */
public final class FunctionPool implements Functions {

    private static final Logger log = LoggerFactory.getLogger(FunctionPool.class);
    private static final long TIMEOUT_MILLIS = 20_000;

    private final Map<String, String> mainClasses;
    private final int concurrency;
    private final Map<String, Environments> functions = new ConcurrentHashMap<>();

    /** @param mainClasses the Spring application of each function, as the template's {@code MAIN_CLASS} says */
    public FunctionPool(Map<String, String> mainClasses, int concurrency) {
        this.mainClasses = mainClasses;
        this.concurrency = concurrency;
    }

    /** Starts one environment of the function now, so configuration errors show at startup, not on the first request. */
    public void warmUp(String function) {
        Environments environments = environments(function);
        environments.release(environments.acquire());
    }

    @Override
    public byte[] invoke(String function, byte[] event) {
        return invoke(function, event, environments(function).acquire());
    }

    @Override
    public byte[] invokeBatch(String function, byte[] event, int records) {
        environments(function).records.add(records);
        return invoke(function, event);
    }

    /** One line per batch-triggered function: how many batches, how many records, how many records per batch. */
    public void logBatches() {
        functions.forEach((function, environments) -> {
            long records = environments.records.sum();
            long batches = environments.invocations.sum();
            if (records > 0) {
                log.info(
                        "{}: {} records in {} batches ({} per batch)",
                        function,
                        records,
                        batches,
                        String.format(Locale.ROOT, "%.1f", (double) records / batches));
            }
        });
    }

    @Override
    public byte[] invokeWithin(String function, byte[] event, Duration maxWait) {
        Environments environments = environments(function);
        ApiGatewayFunctionInvoker handler = environments.tryAcquire(maxWait);
        if (handler == null) {
            throw new Throttled(function);
        }
        return invoke(function, event, handler);
    }

    /** How many times each function this pool serves was invoked, and how many records came in its batches. */
    Map<String, long[]> counts() {
        Map<String, long[]> counts = new TreeMap<>();
        functions.forEach((function, environments) ->
                counts.put(function, new long[] {environments.invocations.sum(), environments.records.sum()}));
        return counts;
    }

    /** Whether the function is one this pool serves (the template gives it a Spring application here). */
    boolean serves(String function) {
        return mainClasses.containsKey(function);
    }

    private byte[] invoke(String function, byte[] event, ApiGatewayFunctionInvoker handler) {
        Environments environments = environments(function);
        environments.invocations.increment();
        try {
            return handler.invoke(function, event, TIMEOUT_MILLIS);
        } finally {
            environments.release(handler);
        }
    }

    private Environments environments(String function) {
        return functions.computeIfAbsent(function, Environments::new);
    }

    private final class Environments {

        private final String function;
        private final Semaphore permits = new Semaphore(concurrency, true);
        private final ConcurrentLinkedQueue<ApiGatewayFunctionInvoker> idle = new ConcurrentLinkedQueue<>();
        private final LongAdder invocations = new LongAdder();
        private final LongAdder records = new LongAdder();

        Environments(String function) {
            this.function = function;
        }

        ApiGatewayFunctionInvoker acquire() {
            permits.acquireUninterruptibly();
            return take();
        }

        /** An environment, or null when none became free within {@code maxWait}. */
        ApiGatewayFunctionInvoker tryAcquire(Duration maxWait) {
            try {
                if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            return take();
        }

        private ApiGatewayFunctionInvoker take() {
            try {
                ApiGatewayFunctionInvoker handler = idle.poll();
                return handler != null ? handler : create();
            } catch (RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        void release(ApiGatewayFunctionInvoker handler) {
            idle.offer(handler);
            permits.release();
        }

        private ApiGatewayFunctionInvoker create() {
            // FunctionInvoker finds the Spring application through the MAIN_CLASS property, read while it starts
            String mainClass = mainClasses.get(function);
            if (mainClass == null) {
                throw new IllegalStateException("the template deploys no function " + function + " (no MAIN_CLASS)");
            }
            synchronized (FunctionPool.class) {
                System.setProperty("MAIN_CLASS", mainClass);
                long started = System.nanoTime();
                var handler = new ApiGatewayFunctionInvoker(function);
                log.info(
                        "Started an environment for function {} in {} ms",
                        function,
                        (System.nanoTime() - started) / 1_000_000);
                return handler;
            }
        }
    }
}
