package dev.orderflow.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule every service is held to, checked by the service's own build: domain and application know
 * no framework, no AWS, no Kafka, no JSON library and none of {@code lambda-support} (the shared Lambda plumbing),
 * and nothing of the adapters or the wiring; the domain knows nothing of the application; the function adapters
 * do not reach into the storage or messaging adapters. The services cannot reach into each other at all: neither
 * module depends on the other (they share {@code contracts} only). Each service's {@code ArchitectureTest} extends
 * this with its package.
 */
public abstract class ServiceLayers {

    private final JavaClasses classes;

    /** @param basePackage where the service's main classes are, e.g. {@code dev.orderflow.order} */
    protected ServiceLayers(String basePackage) {
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    @Test
    void domainAndApplicationImportNoFrameworkAndNoLambdaPlumbing() {
        noClasses()
                .that()
                .resideInAnyPackage("..domain..", "..application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "org.apache.kafka..",
                        "tools.jackson..",
                        "com.fasterxml..",
                        "dev.orderflow.lambda..")
                .check(classes);
    }

    @Test
    void domainAndApplicationDoNotReachIntoAdaptersOrConfiguration() {
        noClasses()
                .that()
                .resideInAnyPackage("..domain..", "..application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..adapter..", "..config..")
                .check(classes);
    }

    @Test
    void domainDoesNotDependOnTheApplicationLayer() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..application..")
                .check(classes);
    }

    @Test
    void functionAdaptersDoNotReachIntoOtherAdapters() {
        noClasses()
                .that()
                .resideInAPackage("..adapter.function..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..adapter.dynamodb..", "..adapter.kafka..")
                .check(classes);
    }
}
