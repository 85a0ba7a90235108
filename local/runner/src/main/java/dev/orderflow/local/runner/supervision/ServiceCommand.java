package dev.orderflow.local.runner.supervision;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * How this program starts another process of itself: the same {@code java}, the same code (the runner's jar, or the
 * class path it runs from in a test), and the JVM options of a service process.
 */
final class ServiceCommand {

    /**
     * A service process's heap: its functions' environments (one Spring context each, up to the concurrency per
     * function) and their Kafka clients; the platform keeps the broker in its own.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /**
     * More options for every service process, after those above (a later one wins), as the platform's system property
     * {@value}: to profile the services ({@code -XX:StartFlightRecording=filename=/tmp/service-{process}.jfr}, where
     * {@code {process}} is the process's name, e.g. {@code order-1}) or try other settings from the benchmark, which
     * passes the platform's JVM options.
     */
    static final String EXTRA_OPTIONS_PROPERTY = "orderflow.service-jvm-options";

    private ServiceCommand() {}

    /** {@code java [options] -jar local-runner.jar} or {@code java [options] -cp CLASSPATH MAIN}, ready for arguments. */
    public static List<String> java(String processName, Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        String extra = System.getProperty(EXTRA_OPTIONS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.replace("{process}", processName).split("\\s+")));
        }
        command.add("-Dorderflow.process=" + processName);
        String classPath = System.getProperty("java.class.path");
        Path single = Path.of(classPath);
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar") && isRunnerJar(single, main)) {
            command.addAll(List.of("-jar", single.toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", classPath, main.getName()));
        }
        return command;
    }

    /** The runner's own jar (Spring Boot's layout, started by its launcher), not a test runner's class path jar. */
    private static boolean isRunnerJar(Path jar, Class<?> main) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && main.getName()
                            .equals(file.getManifest().getMainAttributes().getValue("Start-Class"));
        } catch (IOException e) {
            return false;
        }
    }
}
