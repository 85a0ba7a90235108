package dev.orderflow.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The dependency rule every service is held to, checked by the service's own build: domain and application know
 * no framework, no AWS, no Kafka, no JSON library and none of {@code lambda-support} (the shared Lambda plumbing),
 * and nothing of the adapters or the wiring; the domain knows nothing of the application; the function adapters
 * do not reach into the storage or messaging adapters. The services cannot reach into each other at all: neither
 * module depends on the other (they share {@code contracts} only).
 */
public final class ServiceLayers {

    private final JavaClasses classes;

    private ServiceLayers(JavaClasses classes) {
        this.classes = classes;
    }

    /** The main classes of the service whose packages begin with {@code basePackage}, e.g. {@code dev.orderflow.order}. */
    public static ServiceLayers of(String basePackage) {
        return new ServiceLayers(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage));
    }

    public void domainAndApplicationImportNoFrameworkAndNoLambdaPlumbing() {
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

    public void domainAndApplicationDoNotReachIntoAdaptersOrConfiguration() {
        noClasses()
                .that()
                .resideInAnyPackage("..domain..", "..application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..adapter..", "..config..")
                .check(classes);
    }

    public void domainDoesNotDependOnTheApplicationLayer() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..application..")
                .check(classes);
    }

    public void functionAdaptersDoNotReachIntoOtherAdapters() {
        noClasses()
                .that()
                .resideInAPackage("..adapter.function..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..adapter.dynamodb..", "..adapter.kafka..")
                .check(classes);
    }
}
