package dev.orderflow.lambda.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A run of records handled together goes as far as every event is read, applied and acknowledged, and no further. */
class EventRunsTest {

    private final List<String> applied = new ArrayList<>();

    @Test
    void everyEventReadAndAppliedIsTheWholeRun() {
        KafkaBatches.Progress progress =
                EventRuns.of(this::read, events -> run(null, Integer.MAX_VALUE)).handle(List.of("a", "b"));

        assertThat(progress).isEqualTo(KafkaBatches.Progress.all(2));
        assertThat(applied).containsExactly("A", "B");
    }

    @Test
    void theRunStopsBeforeTheFirstValueThatCannotBeReadAndSaysWhy() {
        List<List<String>> opened = new ArrayList<>();
        KafkaBatches.Progress progress = EventRuns.of(this::read, events -> {
                    opened.add(events);
                    return run(null, Integer.MAX_VALUE);
                })
                .handle(List.of("a", "poison", "c"));

        assertThat(opened).containsExactly(List.of("A"));
        assertThat(applied).containsExactly("A");
        assertThat(progress.done()).isEqualTo(1);
        assertThat(progress.failure()).isInstanceOf(PoisonMessage.class);
    }

    @Test
    void theRunStopsAtTheFirstEventThatFailsToApply() {
        KafkaBatches.Progress progress =
                EventRuns.of(this::read, events -> run("B", Integer.MAX_VALUE)).handle(List.of("a", "b", "c"));

        assertThat(applied).containsExactly("A");
        assertThat(progress.done()).isEqualTo(1);
        assertThat(progress.failure()).hasMessage("B failed");
    }

    @Test
    void anEventWhoseEffectsAreNotAcknowledgedEndsTheRunThereWhateverWasAppliedAfterIt() {
        KafkaBatches.Progress progress =
                EventRuns.of(this::read, events -> run(null, 1)).handle(List.of("a", "b", "c"));

        assertThat(applied).containsExactly("A", "B", "C");
        assertThat(progress.done()).isEqualTo(1);
        assertThat(progress.failure()).hasMessage("not acknowledged");
    }

    private String read(String value) {
        if (value.equals("poison")) {
            throw new PoisonMessage("not an event");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    /** A run that fails on {@code failOn} and has the first {@code acknowledgedUpTo} effects acknowledged. */
    private EventRuns.Run<String> run(String failOn, int acknowledgedUpTo) {
        return new EventRuns.Run<>() {
            @Override
            public void apply(String event) {
                if (event.equals(failOn)) {
                    throw new IllegalStateException(event + " failed");
                }
                applied.add(event);
            }

            @Override
            public KafkaBatches.Progress acknowledged(int count) {
                return count <= acknowledgedUpTo
                        ? KafkaBatches.Progress.all(count)
                        : new KafkaBatches.Progress(acknowledgedUpTo, new IllegalStateException("not acknowledged"));
            }
        };
    }
}
