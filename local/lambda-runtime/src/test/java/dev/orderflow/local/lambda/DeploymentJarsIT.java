package dev.orderflow.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the deployment jars carry: native libraries only for the platforms Lambda runs (Linux on x86_64 or arm64). */
class DeploymentJarsIT {

    @ParameterizedTest
    @ValueSource(strings = {"order", "inventory"})
    void nativeLibrariesAreOnlyThoseLambdaCanLoad(String service) throws IOException {
        try (var jar = new ZipFile(DeployedService.deploymentJar(service).toFile())) {
            List<String> natives = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.matches(".*\\.(so|dll|dylib|jnilib|a)$"))
                    .toList();

            assertThat(natives)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(name.toLowerCase(Locale.ROOT))
                            .as("a native library for Lambda's platforms")
                            .matches(".*linux/(amd64|x86_64|aarch64)/[^/]+"));
        }
    }
}
