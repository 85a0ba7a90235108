package dev.orderflow.order.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The dependency rule: domain and application know no framework and no adapter. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orderflow.order");

    @Test
    void domainAndApplicationImportNoFramework() {
        noClasses().that().resideInAnyPackage("..order.domain..", "..order.application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "software.amazon..", "com.amazonaws..", "org.apache.kafka..",
                        "tools.jackson..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void domainAndApplicationDoNotReachIntoAdaptersOrConfiguration() {
        noClasses().that().resideInAnyPackage("..order.domain..", "..order.application..")
                .should().dependOnClassesThat().resideInAnyPackage("..order.adapter..", "..order.config..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotDependOnTheApplicationLayer() {
        noClasses().that().resideInAPackage("..order.domain..")
                .should().dependOnClassesThat().resideInAPackage("..order.application..")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("..adapter.function..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter.dynamodb..", "..adapter.kafka..")
                .check(CLASSES);
    }
}
