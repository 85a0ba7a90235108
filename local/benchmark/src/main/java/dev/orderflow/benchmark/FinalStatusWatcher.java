package dev.orderflow.benchmark;

import dev.orderflow.local.infra.KafkaAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches {@code order-events} for the moment each tracked order reaches a final status after Inventory's
 * answer (CONFIRMED, PARTIALLY_CONFIRMED or REJECTED), as any consumer of the system would see it.
 */
final class FinalStatusWatcher implements AutoCloseable {

    private static final Set<String> FINAL = Set.of("CONFIRMED", "PARTIALLY_CONFIRMED", "REJECTED");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Thread thread;
    private volatile boolean running = true;
    private volatile BiConsumer<String, Long> onFinal = (id, at) -> {};

    /** @param kafka the operator's access: it reads every topic, in consumer groups named {@code operator-...} */
    FinalStatusWatcher(KafkaAccess kafka) {
        // the broker's default fetch wait: a record ends the wait at once, so it costs no latency; a short wait only
        // made the broker answer empty fetches (84 a second at 10 orders/s with 10 ms), CPU the benchmark then counted
        // as the system's
        Properties props = kafka.properties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "operator-benchmark-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest"));
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("order-events"));
        var assigned = new CountDownLatch(1);
        thread = new Thread(
                () -> {
                    try (consumer) {
                        while (running) {
                            var records = consumer.poll(Duration.ofMillis(20));
                            if (!consumer.assignment().isEmpty()) {
                                assigned.countDown();
                            }
                            for (var record : records) {
                                long now = System.nanoTime();
                                JsonNode data = JSON.readTree(record.value()).path("data");
                                if (FINAL.contains(data.path("status").asString(""))) {
                                    onFinal.accept(data.path("orderId").asString(""), now);
                                }
                            }
                        }
                    }
                },
                "final-status-watcher");
        thread.setDaemon(true);
        thread.start();
        // let the consumer join its group before orders flow
        try {
            assigned.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called with (orderId, nanoTime) for every order that reaches a final status. */
    void onFinal(BiConsumer<String, Long> listener) {
        this.onFinal = listener;
    }

    @Override
    public void close() {
        running = false;
    }
}
