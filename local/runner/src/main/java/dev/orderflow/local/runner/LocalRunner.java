package dev.orderflow.local.runner;

import java.util.concurrent.CountDownLatch;

import dev.orderflow.local.runner.cli.DeadLetterReplay;
import dev.orderflow.local.runner.cli.OrderTimeline;
import dev.orderflow.local.runner.cli.TopicTail;
import dev.orderflow.local.runner.supervision.ProcessStatus;

/**
 * {@code java -jar local-runner.jar [options]}: runs the whole system in the foreground until Ctrl-C,
 * then stops everything in reverse order. See {@link LocalSettings#USAGE} for the options.
 * {@code java -jar local-runner.jar tail TOPIC [BOOTSTRAP]} prints a topic instead ({@link TopicTail}), and
 * {@code replay DLQ_TOPIC [BOOTSTRAP]} sends dead letters back to their topic ({@link DeadLetterReplay}), and
 * {@code timeline ORDER_ID [BOOTSTRAP]} prints an order's journey ({@link OrderTimeline}), and
 * {@code token --user USER [--scope SCOPE ...]} prints an access token of the runner's development issuer ({@link TokenCommand}),
 * {@code status} lists the processes of a running system ({@link ProcessStatus}), and
 * {@code service SERVICE REPLICA} is one process of a service, as the runner's {@link Supervisor} starts it ({@link ServiceHost}).
 */
public final class LocalRunner {

    private LocalRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setOut(new WithoutSourceLines(System.out));
        if (kafkaCommand(args, "replay", "DLQ_TOPIC", DeadLetterReplay::run) || kafkaCommand(args, "tail", "TOPIC", TopicTail::run)
                || kafkaCommand(args, "timeline", "ORDER_ID", OrderTimeline::run)) {
            return;
        }
        if (args.length > 0 && args[0].equals("service")) {
            try {
                ServiceHost.run(java.util.List.of(args).subList(1, args.length));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            } catch (java.io.IOException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LocalRunner.class).error("The service process could not start", e);
                System.exit(3);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("status")) {
            try {
                System.exit(ProcessStatus.run(java.util.List.of(args).subList(1, args.length)));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
        }
        if (args.length > 0 && args[0].equals("token")) {
            try {
                System.out.println(TokenCommand.run(java.util.List.of(args).subList(1, args.length)));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(LocalSettings.USAGE);
            System.out.println("       local-runner tail TOPIC [BOOTSTRAP_SERVERS]   print a topic from the beginning");
            System.out.println("       local-runner replay DLQ_TOPIC [BOOTSTRAP_SERVERS]   send dead letters back to their topic");
            System.out.println("       local-runner timeline ORDER_ID [BOOTSTRAP_SERVERS]   every event of one order, in time order");
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            System.out.println("orderflow stopped");
            stopped.countDown();
        }, "orderflow-shutdown"));
        stopped.await();
    }

    /** {@code NAME ARGUMENT [BOOTSTRAP_SERVERS]}, run when {@code args} ask for it; false for another command. */
    private static boolean kafkaCommand(String[] args, String name, String argument, java.util.function.BiConsumer<String, String> command) {
        if (args.length == 0 || !args[0].equals(name)) {
            return false;
        }
        if (args.length < 2) {
            System.err.println("usage: local-runner " + name + " " + argument + " [BOOTSTRAP_SERVERS]   (default 127.0.0.1:9092)");
            System.exit(2);
        }
        command.accept(args[1], args.length > 2 ? args[2] : "127.0.0.1:9092");
        return true;
    }

    /**
     * Spring Cloud Function 5.0.5 prints {@code ======> SOURCE: ...} to standard output for every application it
     * starts (one per function environment here): left out, so the runner's output is its log.
     */
    private static final class WithoutSourceLines extends java.io.PrintStream {

        WithoutSourceLines(java.io.PrintStream out) {
            super(out, true, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith("======> SOURCE: ")) {
                super.println(line);
            }
        }
    }
}
