package dev.orderflow.local.runner;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.orderflow.lambda.kafka.KafkaBatches;
import dev.orderflow.lambda.kafka.PoisonMessage;

/**
 * The Kafka-triggered functions run locally through Spring Cloud Stream's Kafka binder: one Spring context
 * per service, its consumer bean bound to its topic in a consumer group, records of a partition handled in
 * order, a failing record retried a few times and then dead-lettered to {@code <topic>.dlq} with the reason
 * in its headers, without blocking the partition. A {@link PoisonMessage} is dead-lettered at once.
 *
 * <p>The services' applications register their beans functionally and import no auto-configuration (what a
 * Lambda needs); these contexts add Spring Boot's auto-configuration, which brings the binder.
 */
final class StreamBindings implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamBindings.class);

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /** Binds {@code function} of {@code application} to {@code topic} as consumer group {@code group}. */
    void bind(Class<?> application, String function, String topic, String group, String bootstrapServers, int partitions) {
        String binding = "--spring.cloud.stream.bindings." + function + "-in-0.";
        String kafkaBinding = "--spring.cloud.stream.kafka.bindings." + function + "-in-0.consumer.";
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamHost.class)
                .initializers(wiring(application))
                .web(WebApplicationType.NONE)
                .run("--spring.cloud.function.definition=" + function,
                        "--spring.cloud.stream.kafka.binder.brokers=" + bootstrapServers,
                        "--spring.cloud.stream.kafka.binder.auto-create-topics=false",
                        binding + "destination=" + topic,
                        binding + "group=" + group,
                        // the function takes the record's bytes as they are and parses them itself
                        binding + "content-type=application/octet-stream",
                        binding + "consumer.concurrency=" + partitions,
                        binding + "consumer.max-attempts=3",
                        binding + "consumer.back-off-initial-interval=200",
                        binding + "consumer.retryable-exceptions." + PoisonMessage.class.getName() + "=false",
                        kafkaBinding + "enable-dlq=true",
                        kafkaBinding + "dlq-name=" + KafkaBatches.deadLetterTopic(topic),
                        kafkaBinding + "start-offset=earliest");
        contexts.add(context);
        log.info("Topic {} triggers function {} (consumer group {}, dead letters to {})", topic, function, group,
                KafkaBatches.deadLetterTopic(topic));
    }

    /** The service's own wiring: its application is an initializer that registers its beans and functions. */
    @SuppressWarnings("unchecked")
    private static ApplicationContextInitializer<ConfigurableApplicationContext> wiring(Class<?> application) {
        var initializer = (ApplicationContextInitializer<GenericApplicationContext>) BeanUtils.instantiateClass(application);
        return context -> initializer.initialize((GenericApplicationContext) context);
    }

    /** Spring Cloud Stream and its Kafka binder, by auto-configuration. */
    @EnableAutoConfiguration
    static class StreamHost {
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }
}
