package dev.orderflow.lambda.snapstart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: work done once before Lambda takes the snapshot of an initialised environment, so that
 * every environment restored from it starts with warm code paths (classes loaded, JSON mappers and the
 * DynamoDB client's request pipeline exercised). A step must have no side effects - it may read, never write
 * or publish - and a failing step is logged and skipped: priming makes restores faster, it never blocks a
 * deployment.
 *
 * <p>Steps register with the CRaC context of Lambda's runtime client ({@link RuntimeHooks}), which runs them
 * when the runtime is started for a snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}). Where that
 * client is absent - the local runner, unit tests - registering does nothing.
 */
public final class Priming {

    private static final Logger log = LoggerFactory.getLogger(Priming.class);
    private static final boolean LAMBDA_RUNTIME = present("com.amazonaws.services.lambda.crac.Core");

    private Priming() {}

    /** Registers {@code step} to run before the snapshot. */
    public static void beforeSnapshot(String name, Runnable step) {
        if (LAMBDA_RUNTIME) {
            RuntimeHooks.register(() -> run(name, step));
        }
    }

    /** Runs one step now, as the checkpoint would; failures are logged, not thrown. */
    static void run(String name, Runnable step) {
        long started = System.nanoTime();
        try {
            step.run();
            log.info("Primed {} in {} ms", name, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Priming {} failed, the snapshot is taken without it: {}", name, e.toString());
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Priming.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
