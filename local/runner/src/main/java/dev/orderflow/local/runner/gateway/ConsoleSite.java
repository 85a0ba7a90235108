package dev.orderflow.local.runner.gateway;

import dev.orderflow.local.runner.http.HttpReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The back-office console as the local gateway serves it, where CloudFront serves it on AWS: the static files of the
 * {@code orderflow-console} jar at {@code /}, {@code /js/}, {@code /docs/} (the OpenAPI contract in Swagger UI), and
 * {@code /console-config.json}, which tells the console where to sign in. Every other path is the API's.
 */
public final class ConsoleSite {

    static final String ROOT = "orderflow-console";
    private static final Pattern FILE = Pattern.compile("/(js/|docs/|docs/swagger-ui/)?[a-z0-9][a-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json",
            "yaml", "application/yaml; charset=utf-8");
    /** No script or style from elsewhere, no framing; Swagger UI sets inline styles, so style-src allows them. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final byte[] config;

    /** @param config the body of {@code /console-config.json} */
    public ConsoleSite(String config) {
        this.config = config.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code path} is the console's rather than the API's. */
    public static boolean handles(String path) {
        return path.equals("/")
                || path.equals("/docs")
                || path.equals("/console-config.json")
                || path.startsWith("/js/")
                || path.startsWith("/docs/")
                || path.equals("/console.css")
                || path.equals("/index.html");
    }

    /** The answer to a GET or HEAD of one of its paths (405 for other methods, 404 for a file it does not have). */
    public HttpReply serve(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new HttpReply(405, Map.of("Allow", "GET, HEAD"), new byte[0]);
        }
        if (path.equals("/docs")) {
            return new HttpReply(301, Map.of("Location", "/docs/"), new byte[0]);
        }
        if (path.equals("/console-config.json")) {
            return file("json", config);
        }
        String name = path.equals("/") ? "/index.html" : path.endsWith("/") ? path + "index.html" : path;
        byte[] content = FILE.matcher(name).matches() && !name.contains("..") ? resource(ROOT + name) : null;
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (content == null || !TYPES.containsKey(extension)) {
            return new HttpReply(
                    404,
                    Map.of("Content-Type", "text/plain; charset=utf-8"),
                    ("no such page: " + path).getBytes(StandardCharsets.UTF_8));
        }
        return file(extension, content);
    }

    private static HttpReply file(String extension, byte[] content) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", TYPES.get(extension));
        headers.put("Cache-Control", "no-cache");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", POLICY);
        return new HttpReply(200, headers, content);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleSite.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
