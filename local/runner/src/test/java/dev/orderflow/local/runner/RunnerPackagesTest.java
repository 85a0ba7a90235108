package dev.orderflow.local.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The runner's own shape: each part in its package (gateway, auth, lambda, triggers, supervision, cli, template), the
 * wiring in the root package; no part reaches back into the wiring, and the parts depend on each other without
 * cycles, so each can be read and tested alone.
 */
class RunnerPackagesTest {

    private static final JavaClasses RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orderflow.local.runner");

    @Test
    void noPartDependsOnTheWiring() {
        noClasses()
                .that()
                .resideInAPackage("dev.orderflow.local.runner.*..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orderflow.local.runner")
                .check(RUNNER);
    }

    @Test
    void thePartsDependOnEachOtherWithoutCycles() {
        slices().matching("dev.orderflow.local.runner.(*)..")
                .should()
                .beFreeOfCycles()
                .check(RUNNER);
    }
}
