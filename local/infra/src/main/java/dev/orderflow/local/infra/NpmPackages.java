package dev.orderflow.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs an npm package into a folder with the machine's {@code npm}, using npm's configured registry. */
final class NpmPackages {

    private static final Logger log = LoggerFactory.getLogger(NpmPackages.class);

    private NpmPackages() {}

    static synchronized void install(Path prefix, String packageSpec) {
        List<String> command = List.of(
                "npm",
                "install",
                "--prefix",
                prefix.toString(),
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                packageSpec);
        log.info("Installing {} into {}", packageSpec, prefix);
        try {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot run npm to install " + packageSpec
                            + " (is Node.js with npm on the PATH? or set DYNOXIDE_BINARY)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing " + packageSpec, e);
        }
    }
}
