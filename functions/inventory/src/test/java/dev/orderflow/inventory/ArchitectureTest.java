package dev.orderflow.inventory;

import dev.orderflow.testing.ServiceLayers;

/** The dependency rule, checked by this service's own build (the rules: {@link ServiceLayers}). */
class ArchitectureTest extends ServiceLayers {

    ArchitectureTest() {
        super("dev.orderflow.inventory");
    }
}
