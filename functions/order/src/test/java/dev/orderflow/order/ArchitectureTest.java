package dev.orderflow.order;

import dev.orderflow.testing.ServiceLayers;
import org.junit.jupiter.api.Test;

/** The dependency rule, checked by this service's own build (the rules: {@link ServiceLayers}). */
class ArchitectureTest {

    private static final ServiceLayers LAYERS = ServiceLayers.of("dev.orderflow.order");

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
