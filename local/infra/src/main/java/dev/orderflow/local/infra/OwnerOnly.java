package dev.orderflow.local.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a secret the data folder keeps (a signing key, TLS keys, client settings) readable by its owner only, before
 * anything is written into it. Where the file system has no POSIX permissions (Windows), the user's profile folder
 * already keeps others out.
 */
public final class OwnerOnly {

    private OwnerOnly() {}

    /** {@code rw-------}. */
    public static void file(Path file) throws IOException {
        set(file, "rw-------");
    }

    /** {@code rwx------}. */
    public static void folder(Path folder) throws IOException {
        set(folder, "rwx------");
    }

    private static void set(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: see above
        }
    }
}
