package dev.orderflow.local.runner;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole system ({@link LocalSettings#ephemeral()}) for every test class that asks for nothing of its own - the
 * same system a shop's developer runs, shared as a shop shares it: each test makes its own customers, products and
 * orders (random ids) and asserts on those, never on what the whole system holds. It starts for the first such class
 * (a {@link LocalSystem} parameter of its {@code @BeforeAll}) and stops when the JVM's tests end; the build runs these
 * classes in a JVM of their own ({@link #TAG}), apart from the tests that start systems of their own, so an idle system
 * never shares the machine with a fault test. A test that stops a part (Kafka, say) brings it back before it ends.
 */
final class SharedSystem implements ParameterResolver {

    /** The tag the build runs on its own (failsafe's {@code shared-system} execution). */
    static final String TAG = "shared-system";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSystem.class);

    /** A test class on the shared system: its {@code @BeforeAll} takes a {@link LocalSystem} parameter. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Tag(TAG)
    @ExtendWith(SharedSystem.class)
    @interface OnIt {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // in the root store: closed (LocalSystem is AutoCloseable) when the engine's run ends
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        LocalSystem.class, type -> LocalSystem.start(LocalSettings.ephemeral()), LocalSystem.class);
    }
}
