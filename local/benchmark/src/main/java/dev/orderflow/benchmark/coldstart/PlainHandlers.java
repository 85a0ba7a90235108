package dev.orderflow.benchmark.coldstart;

import dev.orderflow.benchmark.floor.PlainAddProductHandler;
import dev.orderflow.benchmark.floor.PlainCreateOrderHandler;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the floor handlers' classes are, to add them to a copy of a service's deployment package. */
final class PlainHandlers {

    static final String PACKAGE_PATH = "dev/orderflow/benchmark/floor";
    static final String CREATE_ORDER = PlainCreateOrderHandler.class.getName() + "::handleRequest";
    static final String ADD_PRODUCT = PlainAddProductHandler.class.getName() + "::handleRequest";

    private PlainHandlers() {}

    /** The class directory holding the floor handlers (the harness runs with a plain class path). */
    static String classesDirectory() {
        try {
            Path location = Path.of(PlainCreateOrderHandler.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isDirectory(location)) {
                throw new IllegalStateException(
                        "run the cold-start harness from target/classes (local/benchmark/cold-start), not " + location);
            }
            return location.toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
