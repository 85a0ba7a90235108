package dev.orderflow.inventory;

import org.junit.jupiter.api.Test;

import dev.orderflow.testing.ServiceLayers;

/** The dependency rule, checked by this service's own build (the rules: {@link ServiceLayers}). */
class ArchitectureTest {

    private static final ServiceLayers LAYERS = ServiceLayers.of("dev.orderflow.inventory");

    @Test
    void domainAndApplicationImportNoFrameworkAndNoLambdaPlumbing() {
        LAYERS.domainAndApplicationImportNoFrameworkAndNoLambdaPlumbing();
    }

    @Test
    void domainAndApplicationDoNotReachIntoAdaptersOrConfiguration() {
        LAYERS.domainAndApplicationDoNotReachIntoAdaptersOrConfiguration();
    }

    @Test
    void domainDoesNotDependOnTheApplicationLayer() {
        LAYERS.domainDoesNotDependOnTheApplicationLayer();
    }

    @Test
    void functionAdaptersDoNotReachIntoOtherAdapters() {
        LAYERS.functionAdaptersDoNotReachIntoOtherAdapters();
    }
}
