package dev.orderflow.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment package as Lambda lays it out: the zip or jar unpacked into a directory ({@code /var/task} on
 * Lambda), which the runtime's class loader reads as a class directory plus {@code lib/*.jar}.
 */
public final class TaskRoot {

    private TaskRoot() {}

    /** The deployment package {@code mvn package} made for a service ({@code order}, {@code inventory}): its {@code -aws.jar}. */
    public static Path deploymentJar(Path repository, String service) {
        try (var files =
                Files.list(repository.resolve("functions").resolve(service).resolve("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-aws.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("no deployment jar of " + service + ": run mvn package first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks {@code deploymentPackage} into {@code directory} (created if missing) and returns the directory. */
    public static Path unpack(Path deploymentPackage, Path directory) {
        try (InputStream file = Files.newInputStream(deploymentPackage);
                var zip = new ZipInputStream(file)) {
            Files.createDirectories(directory);
            Path root = directory.toRealPath();
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + deploymentPackage, e);
        }
    }

    /**
     * Copies the class files of one package (e.g. {@code com/example/handlers}) from a class directory into the
     * task root, as a build would add them to the deployment package.
     */
    public static void addClasses(Path taskRoot, Path classes, String packagePath) {
        try (var files = Files.walk(classes.resolve(packagePath))) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = taskRoot.resolve(classes.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + classes + " to " + taskRoot, e);
        }
    }
}
