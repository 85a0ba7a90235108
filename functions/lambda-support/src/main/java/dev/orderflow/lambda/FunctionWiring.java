package dev.orderflow.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.annotation.AnnotationConfigRegistry;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.messaging.converter.MessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Functional bean registration for the services' applications: beans are suppliers registered on the context,
 * with no configuration-class parsing, condition evaluation or proxies at start (measured: about 0.8 s of a cold
 * start, see docs/performance.md). Every bean is lazy and every function's target is built on first use, so a
 * context holding all of a service's functions (the local runner, tests) builds only what is called; in a
 * Lambda, the one function it serves ({@code spring.cloud.function.definition}) is built while the context
 * starts, as part of the init phase and of a SnapStart snapshot.
 */
public final class FunctionWiring {

    private final GenericApplicationContext context;
    private final String deployedFunction;

    private FunctionWiring(GenericApplicationContext context) {
        this.context = context;
        this.deployedFunction = context.getEnvironment().getProperty("spring.cloud.function.definition");
    }

    /**
     * Starts wiring {@code context}: adds the service's properties file (lowest precedence: environment variables
     * and system properties win) and, in a context built without annotation processing (Spring Cloud Function's
     * functional mode, as a Lambda runs), what the AWS adapter's auto-configuration would add.
     */
    public static FunctionWiring of(GenericApplicationContext context, String propertiesResource, JsonMapper json) {
        try {
            context.getEnvironment().getPropertySources().addLast(new ResourcePropertySource(propertiesResource));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + propertiesResource, e);
        }
        var wiring = new FunctionWiring(context);
        // the mapper Spring Cloud Function derives its own from, to read events and write responses
        wiring.bean("objectMapper", JsonMapper.class, () -> json);
        // ahead of Spring Cloud Function's AWS converter, which builds a new event serializer for every event
        wiring.bean("lambdaEventConverter", MessageConverter.class, LambdaEventConverter::new);
        if (!(context instanceof AnnotationConfigRegistry)) {
            wiring.bean(
                    "awsTypesMessageConverter",
                    MessageConverter.class,
                    () -> new AWSCompanionAutoConfiguration().awsTypesMessageConverter(context));
        }
        return wiring;
    }

    /** The properties under {@code prefix}, bound to {@code type} (a record). */
    public <T> T properties(String prefix, Class<T> type) {
        return Binder.get(context.getEnvironment())
                .bind(prefix, type)
                .orElseThrow(() -> new IllegalStateException("no " + prefix + ".* properties"));
    }

    /** A lazy singleton. */
    public <T> void bean(String name, Class<T> type, Supplier<T> supplier) {
        context.registerBean(name, type, supplier, definition -> definition.setLazyInit(true));
    }

    /** A lazy singleton closed with the context. */
    public <T extends AutoCloseable> void closeableBean(String name, Class<T> type, Supplier<T> supplier) {
        context.registerBean(name, type, supplier, definition -> {
            definition.setLazyInit(true);
            definition.setDestroyMethodName("close");
        });
    }

    /** The bean of {@code type}, created on first call. */
    public <T> T get(Class<T> type) {
        return context.getBean(type);
    }

    /** A function bean named {@code name}: a plain {@link Function} whose target {@code target} builds on first use. */
    public <I, O> void function(String name, Class<I> input, Class<O> output, Supplier<Function<I, O>> target) {
        var lazy = new Lazy<>(target);
        Function<I, O> function = event -> lazy.get().apply(event);
        register(name, function, FunctionTypeUtils.functionType(input, output), lazy);
    }

    /** A consumer bean named {@code name}, built on first use like {@link #function}. */
    public <I> void consumer(String name, Class<I> input, Supplier<Consumer<I>> target) {
        var lazy = new Lazy<>(target);
        Consumer<I> consumer = event -> lazy.get().accept(event);
        register(name, consumer, FunctionTypeUtils.consumerType(input), lazy);
    }

    private void register(String name, Object function, Type type, Lazy<?> target) {
        context.registerBean(
                name, FunctionRegistration.class, () -> new FunctionRegistration<>(function, name).type(type));
        if (name.equals(deployedFunction)) {
            context.addApplicationListener(event -> {
                if (event instanceof ContextRefreshedEvent) {
                    target.get();
                }
            });
        }
    }

    /** Builds once, on first use. */
    private static final class Lazy<T> implements Supplier<T> {

        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public T get() {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = supplier.get();
                        value = result;
                    }
                }
            }
            return result;
        }
    }
}
