package dev.orderflow.benchmark.floor;

/** Environment variables with the local runner's defaults; its own class, so each floor loads only its service's classes. */
final class Env {

    private Env() {}

    static String get(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
