package dev.orderflow.local.runner.cli;

import dev.orderflow.lambda.kafka.DeadLetterBacklog;
import dev.orderflow.local.infra.KafkaAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code java -jar local-runner.jar replay DLQ_TOPIC [BOOTSTRAP] [--data-dir=DIR]}: sends every dead letter not replayed yet
 * back to the topic it came from ({@code x-original-topic}), with its key and value, then records its
 * progress (consumer group {@code dlq-replay}), so running it twice replays nothing twice. It stops at the
 * end the topic had when it started, so a message that fails again (fix the cause first) is dead-lettered
 * again but not replayed in a loop.
 */
public final class DeadLetterReplay {

    /** The consumer group that holds what was replayed (the services count the dead letters waiting after it). */
    public static final String GROUP = DeadLetterBacklog.REPLAY_GROUP;

    private DeadLetterReplay() {}

    public static int run(String deadLetterTopic, KafkaAccess kafka) {
        Properties consumerProps = kafka.properties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
        Properties producerProps = kafka.properties(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        int replayed = 0;
        try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
                var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                if (done == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, done.offset());
                }
            }
            int emptyPolls = 0;
            while (emptyPolls < 20 && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> dead : batch) {
                    if (dead.offset() >= end.get(new TopicPartition(dead.topic(), dead.partition()))) {
                        continue;
                    }
                    String original = header(dead, "x-original-topic");
                    if (original == null) {
                        System.err.printf(
                                "skipping %s-%d@%d: no x-original-topic header%n",
                                dead.topic(), dead.partition(), dead.offset());
                        continue;
                    }
                    producer.send(new ProducerRecord<>(original, dead.key(), dead.value()))
                            .get();
                    System.out.printf(
                            "replayed %s-%d@%d to %s (was: %s)%n",
                            dead.topic(),
                            dead.partition(),
                            dead.offset(),
                            original,
                            header(dead, "x-exception-message"));
                    replayed++;
                }
                consumer.commitSync(positionsUpTo(consumer, partitions, end));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not replay to Kafka", e.getCause());
        }
        System.out.println(replayed + " dead letters replayed from " + deadLetterTopic);
        return replayed;
    }

    private static Map<TopicPartition, OffsetAndMetadata> positionsUpTo(
            KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        partitions.forEach(p -> positions.put(p, new OffsetAndMetadata(Math.min(consumer.position(p), end.get(p)))));
        return positions;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
