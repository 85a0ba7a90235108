package dev.orderflow.local.runner;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;

/** What a process started, stopped in reverse order; a part that fails to stop is logged and the others still stop. */
final class StartedParts {

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    void push(AutoCloseable part) {
        parts.push(part);
    }

    void closeAll(Logger log) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", part, e);
            }
        }
    }
}
