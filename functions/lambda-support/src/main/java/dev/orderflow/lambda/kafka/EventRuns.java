package dev.orderflow.lambda.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one way a Kafka-triggered use case handles a run of records together, for {@link KafkaBatches}: every value
 * read, up to the first that cannot be (a poison value); the events read opened as one {@link Run} (one read of
 * their state, say); applied one after another up to the first that fails; then the run says how many of those it
 * applied have all their effects acknowledged (answers the broker confirmed). The record after that point, and all
 * after it, are the record-by-record path's.
 */
public final class EventRuns {

    private EventRuns() {}

    /** A run of events being applied in order, on state read once for all of them. */
    public interface Run<E> {

        /** Applies the next event; a failure leaves the events before it applied, and this one not. */
        void apply(E event);

        /**
         * How many of the first {@code applied} events have every effect acknowledged, and why not the next; all of
         * them unless effects are handed over asynchronously.
         */
        default KafkaBatches.Progress acknowledged(int applied) {
            return KafkaBatches.Progress.all(applied);
        }
    }

    /**
     * @param read reads one value into an event, every field checked (a failure stops the run there)
     * @param open opens a run over the events read
     */
    public static <E> KafkaBatches.RunHandler of(Function<String, E> read, Function<List<E>, Run<E>> open) {
        return values -> {
            Read<E> events = Read.untilFailure(values, read);
            RuntimeException stopped = events.failure();
            Run<E> run = open.apply(events.values());
            int applied = 0;
            try {
                for (E event : events.values()) {
                    run.apply(event);
                    applied++;
                }
            } catch (RuntimeException e) {
                stopped = e;
            }
            KafkaBatches.Progress acknowledged = run.acknowledged(applied);
            return acknowledged.done() < applied ? acknowledged : new KafkaBatches.Progress(applied, stopped);
        };
    }

    /**
     * Values read one after another up to the first that cannot be read.
     *
     * @param failure why the value after the last read one could not be read (null when all were)
     */
    record Read<T>(List<T> values, RuntimeException failure) {

        static <T> Read<T> untilFailure(List<String> values, Function<String, T> reader) {
            List<T> read = new ArrayList<>();
            for (String value : values) {
                try {
                    read.add(reader.apply(value));
                } catch (RuntimeException e) {
                    return new Read<>(read, e);
                }
            }
            return new Read<>(read, null);
        }
    }
}
