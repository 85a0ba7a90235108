package dev.orderflow.benchmark.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU of each process went, from JDK Flight Recorder files ({@code jdk.ExecutionSample}: a Java thread
 * found running, every 10-20 ms with the {@code profile} settings): the share of samples in each layer - the Kafka
 * client or broker, the AWS SDK, TLS and crypto, JSON, Spring, the JDK's HTTP server and client, logging, our code
 * ({@link #layerOf(List)} says which frame decides) - and the hottest methods by their own time. Time spent in the JIT
 * compilers, the garbage collector and native code without a Java frame is not in these samples.
 *
 * <p>{@code java -cp ... dev.orderflow.benchmark.profile.ProfileSummary FILE.jfr...}
 */
public final class ProfileSummary {

    private static final String JDK = "JDK";

    /** Layers by the package prefix of a frame's class, the first that matches. */
    private static final Map<String, String> LAYERS = layers();

    private ProfileSummary() {}

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.print(summary(Path.of(file)));
        }
    }

    static String summary(Path file) throws IOException {
        Map<String, Integer> byLayer = new TreeMap<>();
        Map<String, Integer> byMethod = new LinkedHashMap<>();
        int samples = 0;
        String process = file.getFileName().toString();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals("jdk.InitialSystemProperty")
                    && "orderflow.process".equals(event.getString("key"))) {
                process = event.getString("value") + " (" + file.getFileName() + ")";
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame top = stack.getFrames().get(0);
            String type = top.getMethod().getType().getName();
            samples++;
            byLayer.merge(layerOf(stack.getFrames()), 1, Integer::sum);
            byMethod.merge(type + "." + top.getMethod().getName(), 1, Integer::sum);
        }
        StringBuilder out =
                new StringBuilder(String.format(Locale.ROOT, "%n== %s: %d samples%n", file.getFileName(), samples));
        int total = Math.max(1, samples);
        byLayer.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(
                        String.format(Locale.ROOT, "  %-28s %5.1f%%%n", e.getKey(), 100.0 * e.getValue() / total)));
        out.append("  hottest methods (self):\n");
        List<Map.Entry<String, Integer>> hottest = new ArrayList<>(byMethod.entrySet());
        hottest.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        hottest.stream()
                .limit(12)
                .forEach(e -> out.append(
                        String.format(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey())));
        return out.toString();
    }

    /**
     * The layer a sample's time counts to: its innermost frame that is not the JDK's general code (collections,
     * strings, reflection...), so time in a {@code HashMap} counts to the library that used it; the JDK's own TLS,
     * HTTP and networking code are layers of their own. All JDK: "JDK (no library frame)", e.g. a thread pool idling.
     */
    static String layerOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String layer = layerOf(frame.getMethod().getType().getName());
            if (!layer.equals(JDK)) {
                return layer;
            }
        }
        return JDK + " (no library frame)";
    }

    static String layerOf(String className) {
        return LAYERS.entrySet().stream()
                .filter(layer -> className.startsWith(layer.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("other");
    }

    private static Map<String, String> layers() {
        Map<String, String> layers = new LinkedHashMap<>();
        layers.put("dev.orderflow.", "ours (dev.orderflow)");
        layers.put("org.apache.kafka.", "Kafka (clients, broker)");
        layers.put("kafka.", "Kafka (clients, broker)");
        layers.put("software.amazon.awssdk.", "AWS SDK");
        layers.put("sun.security.ssl.", "TLS and crypto");
        layers.put("sun.security.", "TLS and crypto");
        layers.put("com.sun.crypto.", "TLS and crypto");
        layers.put("javax.crypto.", "TLS and crypto");
        layers.put("sun.security.ec.", "TLS and crypto");
        layers.put("tools.jackson.", "JSON (Jackson)");
        layers.put("com.fasterxml.jackson.", "JSON (Jackson)");
        layers.put("org.springframework.", "Spring");
        layers.put("com.sun.net.httpserver.", "JDK HTTP server");
        layers.put("sun.net.httpserver.", "JDK HTTP server");
        layers.put("jdk.internal.net.http.", "JDK HTTP client");
        layers.put("java.net.http.", "JDK HTTP client");
        layers.put("sun.net.www.", "JDK HTTP client");
        layers.put("ch.qos.logback.", "logging");
        layers.put("org.slf4j.", "logging");
        layers.put("com.nimbusds.", "JWT (nimbus)");
        layers.put("sun.nio.", "JDK networking and I/O");
        layers.put("java.nio.", "JDK networking and I/O");
        layers.put("java.net.", "JDK networking and I/O");
        layers.put("sun.net.", "JDK networking and I/O");
        layers.put("java.", JDK);
        layers.put("jdk.", JDK);
        layers.put("sun.", JDK);
        layers.put("com.sun.", JDK);
        layers.put("scala.", "Kafka (clients, broker)");
        layers.put("io.micrometer.", "metrics");
        return layers;
    }
}
