package dev.orderflow.local.runner;

import dev.orderflow.local.infra.KafkaAccess;
import dev.orderflow.local.runner.cli.DeadLetterReplay;
import dev.orderflow.local.runner.cli.OrderTimeline;
import dev.orderflow.local.runner.cli.TopicTail;
import dev.orderflow.local.runner.supervision.ProcessStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * {@code java -jar local-runner.jar [options]}: runs the whole system in the foreground until Ctrl-C,
 * then stops everything in reverse order. See {@link LocalSettings#USAGE} for the options.
 * {@code java -jar local-runner.jar tail TOPIC [BOOTSTRAP]} prints a topic instead ({@link TopicTail}), and
 * {@code replay DLQ_TOPIC [BOOTSTRAP]} sends dead letters back to their topic ({@link DeadLetterReplay}), and
 * {@code timeline ORDER_ID [BOOTSTRAP]} prints an order's journey ({@link OrderTimeline}) - these three as the
 * operator's identity on Kafka ({@link PlatformKafka}), from the data folder ({@code --data-dir}) or
 * {@code --kafka-clients} -, and
 * {@code token --user USER [--scope SCOPE ...]} prints an access token of the runner's development issuer ({@link TokenCommand}),
 * {@code status} lists the processes of a running system ({@link ProcessStatus}), and
 * {@code service SERVICE REPLICA} is one process of a service, as the runner's {@link Supervisor} starts it ({@link ServiceHost}).
 */
public final class LocalRunner {

    private LocalRunner() {}

    public static void main(String[] args) throws InterruptedException {
        System.setOut(new WithoutSourceLines(System.out));
        if (kafkaCommand(args, "replay", "DLQ_TOPIC", DeadLetterReplay::run)
                || kafkaCommand(args, "tail", "TOPIC", TopicTail::run)
                || kafkaCommand(args, "timeline", "ORDER_ID", OrderTimeline::run)) {
            return;
        }
        if (args.length > 0 && args[0].equals("service")) {
            try {
                ServiceHost.run(List.of(args).subList(1, args.length));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            } catch (IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LocalRunner.class).error("The service process could not start", e);
                System.exit(3);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("status")) {
            try {
                System.exit(ProcessStatus.run(List.of(args).subList(1, args.length)));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
        }
        if (args.length > 0 && args[0].equals("token")) {
            try {
                System.out.println(TokenCommand.run(List.of(args).subList(1, args.length)));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(LocalSettings.USAGE);
            System.out.println(
                    "       local-runner tail TOPIC " + KAFKA_COMMAND_OPTIONS + "   print a topic from the beginning");
            System.out.println("       local-runner replay DLQ_TOPIC " + KAFKA_COMMAND_OPTIONS
                    + "   send dead letters back to their topic");
            System.out.println("       local-runner timeline ORDER_ID " + KAFKA_COMMAND_OPTIONS
                    + "   every event of one order, in time order");
            System.out.print(TokenCommand.USAGE.replace("usage: ", "       "));
            System.out.print(ProcessStatus.USAGE.replace("usage: ", "       "));
            return;
        }
        LocalSettings settings;
        try {
            settings = LocalSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalSystem system;
        try {
            system = LocalSystem.start(settings, reason -> {
                System.err.println("orderflow: " + reason);
                System.exit(3);
            });
        } catch (PortCheck.PortInUse | IllegalArgumentException e) {
            System.err.println("orderflow: " + e.getMessage());
            System.exit(2);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            system.close();
                            System.out.println("orderflow stopped");
                            stopped.countDown();
                        },
                        "orderflow-shutdown"));
        stopped.await();
    }

    private static final String KAFKA_COMMAND_OPTIONS = "[BOOTSTRAP_SERVERS] [--data-dir=DIR | --kafka-clients=DIR]";

    /**
     * {@code NAME ARGUMENT [BOOTSTRAP_SERVERS] [--data-dir=DIR | --kafka-clients=DIR]}, run when {@code args} ask for it;
     * false for another command. It is the operator on Kafka: {@code operator.properties} of {@code --kafka-clients}, else
     * of the data folder's {@code kafka-clients} (the runner's: {@code --data-dir}, or {@code .data} for the default
     * broker), else plaintext (another broker named without either, e.g. the compose file's).
     */
    private static boolean kafkaCommand(
            String[] args, String name, String argument, BiConsumer<String, KafkaAccess> command) {
        if (args.length == 0 || !args[0].equals(name)) {
            return false;
        }
        String bootstrap = null;
        Path clients = null;
        Path dataDir = null;
        boolean usage = args.length < 2;
        for (String arg : List.of(args).subList(Math.min(2, args.length), args.length)) {
            if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.startsWith("--kafka-clients=")) {
                clients = Path.of(arg.substring("--kafka-clients=".length()));
            } else if (!arg.startsWith("--")) {
                bootstrap = arg;
            } else {
                usage = true;
            }
        }
        if (usage) {
            System.err.println("usage: local-runner " + name + " " + argument + " " + KAFKA_COMMAND_OPTIONS
                    + "   (default 127.0.0.1:9092, .data)");
            System.exit(2);
        }
        if (clients == null && (dataDir != null || bootstrap == null)) {
            Path runners = (dataDir == null ? Path.of(".data") : dataDir).resolve(PlatformKafka.CLIENTS);
            clients = Files.isDirectory(runners) ? runners : null;
        }
        try {
            command.accept(
                    args[1],
                    KafkaAccess.of(bootstrap == null ? "127.0.0.1:9092" : bootstrap, clients, PlatformKafka.OPERATOR));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        return true;
    }

    /**
     * Spring Cloud Function 5.0.5 prints {@code ======> SOURCE: ...} to standard output for every application it
     * starts (one per function environment here): left out, so the runner's output is its log.
     */
    private static final class WithoutSourceLines extends PrintStream {

        WithoutSourceLines(PrintStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith("======> SOURCE: ")) {
                super.println(line);
            }
        }
    }
}
