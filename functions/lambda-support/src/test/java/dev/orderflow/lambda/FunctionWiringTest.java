package dev.orderflow.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import tools.jackson.databind.json.JsonMapper;

class FunctionWiringTest {

    record Greeting(String greeting, String name) {}

    private final AtomicInteger greetersBuilt = new AtomicInteger();
    private final AtomicInteger shoutersBuilt = new AtomicInteger();

    @Test
    void theDeployedFunctionIsBuiltWhenTheContextStartsAndTheOthersOnlyWhenCalled() {
        try (var context = context(Map.of("spring.cloud.function.definition", "greet"))) {
            context.refresh();

            assertThat(greetersBuilt).hasValue(1);
            assertThat(shoutersBuilt).hasValue(0);

            assertThat(call(context, "shout", "hi")).isEqualTo("HI");
            assertThat(call(context, "shout", "again")).isEqualTo("AGAIN");
            assertThat(shoutersBuilt).hasValue(1);
        }
    }

    @Test
    void withoutADeployedFunctionNothingIsBuiltUntilCalled() {
        try (var context = context(Map.of())) {
            context.refresh();

            assertThat(greetersBuilt).hasValue(0);
            assertThat(call(context, "greet", "Ada")).isEqualTo("hello, Ada");
            assertThat(greetersBuilt).hasValue(1);
        }
    }

    @Test
    void theServicesPropertiesFileIsTheLowestPrecedenceSource() {
        try (var context = context(Map.of("wiring.name", "from-environment"))) {
            var wiring = FunctionWiring.of(
                    context,
                    "classpath:wiring-test.properties",
                    JsonMapper.builder().build());

            Greeting settings = wiring.properties("wiring", Greeting.class);

            assertThat(settings.greeting()).isEqualTo("hello");
            assertThat(settings.name()).isEqualTo("from-environment");
        }
    }

    private GenericApplicationContext context(Map<String, Object> environment) {
        var context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", environment));
        var wiring = FunctionWiring.of(
                context,
                "classpath:wiring-test.properties",
                JsonMapper.builder().build());
        wiring.bean(
                "greeting",
                String.class,
                () -> wiring.properties("wiring", Greeting.class).greeting());
        wiring.function("greet", String.class, String.class, () -> {
            greetersBuilt.incrementAndGet();
            String greeting = wiring.get(String.class);
            return name -> greeting + ", " + name;
        });
        wiring.function("shout", String.class, String.class, () -> {
            shoutersBuilt.incrementAndGet();
            return text -> text.toUpperCase(Locale.ROOT);
        });
        return context;
    }

    @SuppressWarnings("unchecked")
    private static String call(GenericApplicationContext context, String name, String input) {
        var registration = context.getBean(name, FunctionRegistration.class);
        return ((Function<String, String>) registration.getTarget()).apply(input);
    }
}
