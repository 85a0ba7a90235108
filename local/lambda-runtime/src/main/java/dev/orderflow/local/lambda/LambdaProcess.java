package dev.orderflow.local.lambda;

import dev.orderflow.local.infra.Processes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One Lambda execution environment on this machine: a JVM of its own, started the way Lambda's Java runtime
 * starts it - the AWS Lambda Runtime Interface Client ({@code AWSLambda}) as the main class with the handler as
 * its argument, the task root as working directory (the client's class loader reads the function's classes
 * from there, not from the JVM's class path), Lambda's reserved environment variables plus the function's, and
 * {@code AWS_LAMBDA_RUNTIME_API} pointing at a {@link RuntimeApiStandIn}.
 */
public final class LambdaProcess implements AutoCloseable {

    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * What to start.
     *
     * @param taskRoot    the unpacked deployment package ({@link TaskRoot})
     * @param handler     the function's Handler, as the template gives it
     * @param environment the function's own environment variables (template Globals and function)
     * @param jvmOptions  options on the java command line (Lambda passes {@code JAVA_TOOL_OPTIONS} through the environment)
     * @param log         where the process's stdout and stderr go
     */
    public record Spec(
            String functionName,
            Path taskRoot,
            String handler,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path log) {}

    private final Spec spec;
    private final Process process;
    private final long spawnedAtNanos;

    private LambdaProcess(Spec spec, Process process, long spawnedAtNanos) {
        this.spec = spec;
        this.process = process;
        this.spawnedAtNanos = spawnedAtNanos;
    }

    /** Starts the runtime for {@code spec}, talking to {@code runtimeApi}. */
    public static LambdaProcess start(Spec spec, RuntimeApiStandIn runtimeApi) {
        List<String> command = new ArrayList<>();
        // the JDK that runs the function: this one, unless orderflow.lambda.java-home names another (Lambda runs
        // java21)
        command.add(Path.of(
                        System.getProperty("orderflow.lambda.java-home", System.getProperty("java.home")),
                        "bin",
                        "java")
                .toString());
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, runtimeClientClasspath()));
        command.add(RUNTIME_MAIN);
        command.add(spec.handler());
        var builder = new ProcessBuilder(command)
                .directory(spec.taskRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(spec.log().toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(reservedEnvironment(spec, runtimeApi));
        environment.putAll(spec.environment());
        try {
            long spawned = System.nanoTime();
            return new LambdaProcess(spec, builder.start(), spawned);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Lambda runtime for " + spec.functionName(), e);
        }
    }

    /** {@link System#nanoTime()} just before the JVM was spawned. */
    public long spawnedAtNanos() {
        return spawnedAtNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The peak resident set size of the process so far (Linux {@code VmHWM}), in KiB. */
    public OptionalLong peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** CPU time (user + system) the process used so far, in milliseconds (Linux, 10 ms resolution). */
    public OptionalLong cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // fields after the parenthesised command name: state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 10);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** What the function and the runtime wrote so far. */
    public String log() {
        try {
            return Files.readString(spec.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }

    /** The variables Lambda sets in every environment; credentials are placeholders for the local stores. */
    private static Map<String, String> reservedEnvironment(Spec spec, RuntimeApiStandIn runtimeApi) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        environment.put("LAMBDA_TASK_ROOT", spec.taskRoot().toString());
        environment.put("_HANDLER", spec.handler());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_SESSION_TOKEN", "local");
        return environment;
    }

    /**
     * The runtime interface client and what it needs, from this JVM's class path: the client, the Lambda core
     * interfaces and the event serialization it loads before any function class (on Lambda these live in the
     * runtime's own {@code /var/runtime/lib}, outside the function's package).
     */
    static List<String> runtimeClientClasspath() {
        Set<String> jars = new LinkedHashSet<>();
        for (String className : List.of(
                RUNTIME_MAIN,
                "com.amazonaws.services.lambda.runtime.Context",
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "software.amazon.awssdk.utilslite.SdkInternalThreadLocal")) {
            jars.add(locationOf(className));
        }
        return List.copyOf(jars);
    }

    private static String locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, LambdaProcess.class.getClassLoader());
            var source = type.getProtectionDomain().getCodeSource();
            if (source == null || !source.getLocation().getProtocol().equals("file")) {
                throw new IllegalStateException(
                        className + " is not in a jar on the class path: run with a plain class path");
            }
            return Path.of(source.getLocation().toURI()).toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "the runtime interface client needs " + className + " on the class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
