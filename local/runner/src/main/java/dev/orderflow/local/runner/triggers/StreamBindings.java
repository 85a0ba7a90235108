package dev.orderflow.local.runner.triggers;

import dev.orderflow.lambda.kafka.DeadLetters;
import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.runner.lambda.Functions;
import dev.orderflow.local.runner.template.TemplateFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The Kafka-triggered functions run locally as MSK triggers them on AWS, their topics consumed through Spring Cloud
 * Stream's Kafka binder in batch mode: one Spring context per trigger, a consumer group per function, one consumer
 * per partition, each poll's records (up to the template's {@code BatchSize}) handed as one
 * MSK event to the function the template deploys, by {@link KafkaTrigger}, through the service's {@link FunctionPool}. A
 * poll returns as soon as records are there, so an idle topic adds no wait, and the records that arrive while a batch
 * is being handled make the next one: batches grow with the load. The function applies its own failure rules
 * ({@code KafkaBatches}: poison dead-lettered, transient retried, then handed back); what it hands back is
 * delivered again with backoff by {@link ConsumerRetries}, not by the binder.
 *
 * <p>The consumers are static members of their group ({@code group.instance.id} from the data folder, one per
 * partition's consumer) with a short session timeout: after a crash, the restarted runner takes its partitions
 * back as soon as it rejoins, instead of waiting for the dead members' sessions to expire.
 *
 * <p>These contexts hold the binder (Spring Boot's auto-configuration) and the trigger, nothing of the services:
 * the functions run in their own environments, as every other local invocation does.
 */
public final class StreamBindings implements AutoCloseable {

    /**
     * How long the broker waits for a silent consumer before giving its partitions to another (a replica that died):
     * the least a broker accepts by default ({@code group.min.session.timeout.ms}).
     */
    static final int SESSION_TIMEOUT_MS = 6_000;
    /** How long the broker holds a consumer's fetch while there is nothing to fetch. */
    static final int IDLE_FETCH_WAIT_MS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(StreamBindings.class);

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<ConsumerRetries> retries = new ArrayList<>();
    private final String memberId;

    /** @param memberId this runner's stable identity in consumer groups (null: dynamic membership) */
    public StreamBindings(String memberId) {
        this.memberId = memberId;
    }

    /**
     * This runner's identity as a static member of its consumer groups, made once and kept in the data folder, so a
     * runner restarted on the same data takes its partitions back at once (see this class).
     */
    public static String memberId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("kafka-member-id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = "runner-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(dataDir);
        Files.writeString(file, id + System.lineSeparator());
        return id;
    }

    /** Makes the source's topic trigger its function in batches, as its consumer group. */
    public void bind(Functions functions, TemplateFunctions.KafkaSource source, KafkaAccess kafka, int partitions) {
        String function = source.function();
        String topic = source.topic();
        String group = source.group();
        String binding = "--spring.cloud.stream.bindings." + function + "-in-0.";
        String kafkaBinding = "--spring.cloud.stream.kafka.bindings." + function + "-in-0.consumer.";
        var consumerRetries = new ConsumerRetries(kafka);
        retries.add(consumerRetries);
        List<String> args = new ArrayList<>(List.of(
                "--spring.cloud.function.definition=" + function,
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                "--spring.cloud.stream.kafka.binder.auto-create-topics=false",
                binding + "destination=" + topic,
                binding + "group=" + group,
                // the trigger takes the records' bytes as they are; the function parses them itself
                binding + "content-type=application/octet-stream",
                binding + "consumer.batch-mode=true",
                binding + "consumer.concurrency=" + partitions,
                kafkaBinding + "configuration.max.poll.records=" + source.batchSize(),
                kafkaBinding + "start-offset=earliest",
                kafkaBinding + "configuration.session.timeout.ms=" + SESSION_TIMEOUT_MS,
                // an idle consumer's fetch waits at the broker this long; records end the wait at once, so this costs
                // no latency, only fewer empty fetches while nothing happens (500 ms by default)
                kafkaBinding + "configuration.fetch.max.wait.ms=" + IDLE_FETCH_WAIT_MS,
                kafkaBinding + "configuration.heartbeat.interval.ms=" + SESSION_TIMEOUT_MS / 3));
        // the service's identity (TLS, its certificate), for every client the binder makes
        kafka.settings()
                .forEach((name, value) ->
                        args.add("--spring.cloud.stream.kafka.binder.configuration." + name + "=" + value));
        if (memberId != null) {
            // each partition's consumer gets a suffix of its own from Spring Kafka (-0, -1, ...)
            args.add(kafkaBinding + "configuration.group.instance.id=" + memberId + "-" + group);
        }
        var trigger = new KafkaTrigger(function, functions, kafka.bootstrapServers());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StreamHost.class)
                .initializers(triggerOf(function, trigger), retriesOf(consumerRetries))
                .web(WebApplicationType.NONE)
                // stopped by the service process, in its order, not by a shutdown hook of its own
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        contexts.add(context);
        log.info(
                "Topic {} triggers function {} (consumer group {}{}, dead letters to {})",
                topic,
                function,
                group,
                memberId == null ? "" : ", static member " + memberId + "-" + group,
                DeadLetters.topicOf(topic));
    }

    /** The binding's consumer bean, named as the function, so the binding is {@code <function>-in-0}. */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> triggerOf(
            String function, KafkaTrigger trigger) {
        return context ->
                ((GenericApplicationContext) context).registerBean(function, KafkaTrigger.class, () -> trigger);
    }

    private static ApplicationContextInitializer<ConfigurableApplicationContext> retriesOf(ConsumerRetries retries) {
        return context -> ((GenericApplicationContext) context)
                .registerBean("consumerRetries", ListenerContainerWithDlqAndRetryCustomizer.class, () -> retries);
    }

    /** Spring Cloud Stream and its Kafka binder, by auto-configuration. */
    @EnableAutoConfiguration
    static class StreamHost {}

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        retries.forEach(ConsumerRetries::close);
    }
}
