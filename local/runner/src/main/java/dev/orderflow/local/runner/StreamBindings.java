package dev.orderflow.local.runner;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.orderflow.lambda.kafka.DeadLetters;

/**
 * The Kafka-triggered functions run locally through Spring Cloud Stream's Kafka binder: one Spring context
 * per service, its consumer bean bound to its topic in a consumer group, records of a partition handled in
 * order. What happens to a failing record is {@link ConsumerRetries}' business (transient failures retried with
 * backoff for a long time, poison dead-lettered at once, others after a few tries), not the binder's.
 *
 * <p>The consumers are static members of their group ({@code group.instance.id} from the data folder, one per
 * partition's consumer) with a short session timeout: after a crash, the restarted runner takes its partitions
 * back as soon as it rejoins, instead of waiting for the dead members' sessions to expire.
 *
 * <p>The services' applications register their beans functionally and import no auto-configuration (what a
 * Lambda needs); these contexts add Spring Boot's auto-configuration, which brings the binder.
 */
final class StreamBindings implements AutoCloseable {

    /** How long the broker waits for a silent consumer before giving its partitions to another. */
    static final int SESSION_TIMEOUT_MS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(StreamBindings.class);

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<ConsumerRetries> retries = new ArrayList<>();
    private final String memberId;

    /** @param memberId this runner's stable identity in consumer groups (null: dynamic membership) */
    StreamBindings(String memberId) {
        this.memberId = memberId;
    }

    /** Binds {@code function} of {@code application} to {@code topic} as consumer group {@code group}. */
    void bind(Class<?> application, String function, String topic, String group, String bootstrapServers, int partitions) {
        String binding = "--spring.cloud.stream.bindings." + function + "-in-0.";
        String kafkaBinding = "--spring.cloud.stream.kafka.bindings." + function + "-in-0.consumer.";
        var consumerRetries = new ConsumerRetries(bootstrapServers);
        retries.add(consumerRetries);
        List<String> args = new ArrayList<>(List.of("--spring.cloud.function.definition=" + function,
                "--spring.cloud.stream.kafka.binder.brokers=" + bootstrapServers,
                "--spring.cloud.stream.kafka.binder.auto-create-topics=false",
                binding + "destination=" + topic,
                binding + "group=" + group,
                // the function takes the record's bytes as they are and parses them itself
                binding + "content-type=application/octet-stream",
                binding + "consumer.concurrency=" + partitions,
                kafkaBinding + "start-offset=earliest",
                kafkaBinding + "configuration.session.timeout.ms=" + SESSION_TIMEOUT_MS,
                kafkaBinding + "configuration.heartbeat.interval.ms=" + SESSION_TIMEOUT_MS / 4));
        if (memberId != null) {
            // each partition's consumer gets a suffix of its own from Spring Kafka (-0, -1, ...)
            args.add(kafkaBinding + "configuration.group.instance.id=" + memberId + "-" + group);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamHost.class)
                .initializers(wiring(application), retriesOf(consumerRetries))
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        contexts.add(context);
        log.info("Topic {} triggers function {} (consumer group {}{}, dead letters to {})", topic, function, group,
                memberId == null ? "" : ", static member " + memberId + "-" + group, DeadLetters.topicOf(topic));
    }

    /** The service's own wiring: its application is an initializer that registers its beans and functions. */
    @SuppressWarnings("unchecked")
    private static ApplicationContextInitializer<ConfigurableApplicationContext> wiring(Class<?> application) {
        var initializer = (ApplicationContextInitializer<GenericApplicationContext>) BeanUtils.instantiateClass(application);
        return context -> initializer.initialize((GenericApplicationContext) context);
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> retriesOf(ConsumerRetries retries) {
        return context -> ((GenericApplicationContext) context).registerBean("consumerRetries",
                ListenerContainerWithDlqAndRetryCustomizer.class, () -> retries);
    }

    /** Spring Cloud Stream and its Kafka binder, by auto-configuration. */
    @EnableAutoConfiguration
    static class StreamHost {
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        retries.forEach(ConsumerRetries::close);
    }
}
