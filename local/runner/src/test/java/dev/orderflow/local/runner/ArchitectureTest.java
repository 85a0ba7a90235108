package dev.orderflow.local.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The dependency rule, for every service: domain and application know no framework and no adapter;
 * adapters do not reach into each other; services do not reach into each other (they share contracts only).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orderflow.order", "dev.orderflow.inventory");

    @Test
    void domainAndApplicationImportNoFramework() {
        noClasses().that().resideInAnyPackage("..domain..", "..application..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "software.amazon..", "com.amazonaws..", "org.apache.kafka..",
                        "tools.jackson..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void domainAndApplicationDoNotReachIntoAdaptersOrConfiguration() {
        noClasses().that().resideInAnyPackage("..domain..", "..application..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter..", "..config..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotDependOnTheApplicationLayer() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAPackage("..application..")
                .check(CLASSES);
    }

    @Test
    void servicesShareOnlyContracts() {
        noClasses().that().resideInAPackage("dev.orderflow.order..")
                .should().dependOnClassesThat().resideInAPackage("dev.orderflow.inventory..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.orderflow.inventory..")
                .should().dependOnClassesThat().resideInAPackage("dev.orderflow.order..")
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("..adapter.function..")
                .should().dependOnClassesThat().resideInAnyPackage("..adapter.dynamodb..", "..adapter.kafka..")
                .check(CLASSES);
    }
}
