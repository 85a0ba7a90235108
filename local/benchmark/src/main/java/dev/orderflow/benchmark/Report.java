package dev.orderflow.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes the run as {@code summary.json} (machine-readable) and {@code report.html} (plots and histograms). */
final class Report {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static Map<String, Object> summary(
            Map<String, Object> machine,
            Ceiling.Result ceiling,
            List<OpenLoad.Result> steps,
            double knee,
            List<OpenLoad.Result> scenarios) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("machine", machine);
        summary.put(
                "ceiling",
                Map.of(
                        "dynamoDbOrdersPerSecond", round(ceiling.dynamoOrdersPerSecond()),
                        "dynamoDbRoundsOrdersPerSecond",
                                ceiling.dynamoRounds().stream()
                                        .map(Report::round)
                                        .toList(),
                        "dynamoDbThreads", ceiling.threads(),
                        "kafkaRoundTripMs", percentiles(ceiling.kafkaRoundTrip()),
                        "kafkaMessagesPerSecond", round(ceiling.kafkaMessagesPerSecond())));
        summary.put("stepLoad", steps.stream().map(r -> result(r, ceiling)).toList());
        summary.put("kneeOrdersPerSecond", knee);
        summary.put("scenarios", scenarios.stream().map(r -> result(r, ceiling)).toList());
        return summary;
    }

    private static Map<String, Object> result(OpenLoad.Result r, Ceiling.Result ceiling) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario().name());
        m.put("targetRate", r.scenario().ratePerSecond());
        m.put("seconds", r.scenario().seconds());
        m.put("products", r.scenario().products());
        m.put("linesPerOrder", r.scenario().lines());
        m.put("sent", r.sent());
        m.put("accepted", r.accepted());
        m.put("errors", r.errors());
        m.put("reachedFinalStatus", r.finals());
        m.put("throughputOrdersPerSecond", round(r.throughput()));
        m.put("fractionOfCeiling", round(r.throughput() / ceiling.dynamoOrdersPerSecond()));
        m.put("apiLatencyMs", percentiles(r.api()));
        m.put("endToEndLatencyMs", percentiles(r.endToEnd()));
        m.put("systemCpuCores", round(r.cpuCores()));
        m.put("storeCpuCores", round(r.storeCpuCores()));
        m.put("servicesCpuCores", round(r.servicesCpuCores()));
        m.put("cpuMillisPerOrder", round(r.cpuMillisPerOrder()));
        m.put("loadGeneratorCpuCores", round(r.loadGeneratorCpuCores()));
        m.put("systemPeakResidentMiB", round(r.peakRssMiB()));
        return m;
    }

    static Map<String, Double> percentiles(Histogram h) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("p50", round(h.getValueAtPercentile(50) / 1e6));
        p.put("p95", round(h.getValueAtPercentile(95) / 1e6));
        p.put("p99", round(h.getValueAtPercentile(99) / 1e6));
        p.put("max", round(h.getMaxValue() / 1e6));
        return p;
    }

    static void write(Path dir, Map<String, Object> summary, List<OpenLoad.Result> all) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
        StringBuilder html = new StringBuilder(
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>orderflow benchmark</title>"
                        + "<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em;font-size:11px}"
                        + "td,th{padding:2px 8px;text-align:right}</style></head><body><h1>orderflow benchmark</h1>");
        html.append("<h2>Summary</h2><pre>")
                .append(escape(JSON.writeValueAsString(summary)))
                .append("</pre>");
        for (OpenLoad.Result r : all) {
            html.append("<h2>")
                    .append(escape(r.scenario().name()))
                    .append(" - ")
                    .append(r.scenario().ratePerSecond())
                    .append(" orders/s</h2>")
                    .append(plot(r));
            html.append("<h3>End-to-end latency histogram (ms)</h3><pre>")
                    .append(escape(distribution(r.endToEnd())))
                    .append("</pre>");
        }
        Files.writeString(
                dir.resolve("report.html"), html.append("</body></html>").toString());
    }

    /** p99 of API (blue) and end-to-end (red) latency per second, as an SVG line chart. */
    private static String plot(OpenLoad.Result r) {
        List<OpenLoad.Second> seconds = r.timeline();
        if (seconds.isEmpty()) {
            return "";
        }
        double max = seconds.stream()
                .mapToDouble(s -> Math.max(s.apiP99Ms(), s.e2eP99Ms()))
                .max()
                .orElse(1);
        max = Math.max(max, 1);
        int width = 640;
        int height = 200;
        StringBuilder svg = new StringBuilder("<svg width=\"" + width + "\" height=\"" + (height + 30) + "\">");
        svg.append("<text x=\"0\" y=\"12\" font-size=\"11\">p99 per second, ms (max ")
                .append(String.format("%.0f", max))
                .append("): blue = API, red = end to end</text>");
        for (String[] series : new String[][] {{"api", "blue"}, {"e2e", "red"}}) {
            List<String> points = new ArrayList<>();
            for (int i = 0; i < seconds.size(); i++) {
                double value = series[0].equals("api")
                        ? seconds.get(i).apiP99Ms()
                        : seconds.get(i).e2eP99Ms();
                double x = seconds.size() == 1 ? 0 : i * (width - 10.0) / (seconds.size() - 1);
                double y = 20 + height - value / max * height;
                points.add(String.format("%.1f,%.1f", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"")
                    .append(series[1])
                    .append("\" points=\"")
                    .append(String.join(" ", points))
                    .append("\"/>");
        }
        return svg.append("</svg>").toString();
    }

    private static String distribution(Histogram h) {
        var out = new ByteArrayOutputStream();
        h.outputPercentileDistribution(new PrintStream(out, true, StandardCharsets.UTF_8), 5, 1e6);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
