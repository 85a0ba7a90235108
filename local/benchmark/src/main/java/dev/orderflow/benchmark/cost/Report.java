package dev.orderflow.benchmark.cost;

import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cost of an order, printed and kept in {@code order-cost.json}: per function, its invocations and billed
 * milliseconds per order at one batch size and the dollars they come to; then the store's units per order from the
 * calls a one-line order makes and the sizes of the items the run wrote.
 */
final class Report {

    private Report() {}

    static void print(int batch, int orders, Map<String, Pipeline.Invocations> measured, Map<String, Integer> memory) {
        System.out.printf(
                Locale.ROOT,
                "%nbatch size %d, %d orders%n%-22s %12s %14s %10s %14s %14s%n",
                batch,
                orders,
                "function",
                "invocations",
                "records/call",
                "ms/call",
                "billed ms/order",
                "$ per 1M orders");
        double total = 0;
        for (String function : OrderCost.FUNCTIONS) {
            Pipeline.Invocations of = measured.get(function);
            double dollars = dollarsPerMillion(of, orders, memory.get(function));
            total += dollars;
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %12d %14.1f %10.2f %14.2f %14.2f%n",
                    function,
                    of.count(),
                    of.count() == 0 ? 0 : (double) of.records() / of.count(),
                    of.count() == 0 ? 0 : of.millis() / of.count(),
                    (double) of.billedMillis() / orders,
                    dollars);
        }
        System.out.printf(Locale.ROOT, "%-22s %71.2f%n", "Lambda, all functions", total);
    }

    static void add(
            ObjectNode node, int orders, Map<String, Pipeline.Invocations> measured, Map<String, Integer> memory) {
        double total = 0;
        for (String function : OrderCost.FUNCTIONS) {
            Pipeline.Invocations of = measured.get(function);
            double dollars = dollarsPerMillion(of, orders, memory.get(function));
            total += dollars;
            node.putObject(function)
                    .put("memoryMb", memory.get(function))
                    .put("invocations", of.count())
                    .put("records", of.records())
                    .put("billedMillisPerOrder", (double) of.billedMillis() / orders)
                    .put("dollarsPerMillionOrders", round(dollars));
        }
        node.put("lambdaDollarsPerMillionOrders", round(total));
    }

    /** Compute (billed milliseconds at the function's memory) and requests, per million orders. */
    static double dollarsPerMillion(Pipeline.Invocations of, int orders, int memoryMb) {
        double gbSeconds = of.billedMillis() / 1000.0 * memoryMb / 1024.0;
        return (gbSeconds * Prices.LAMBDA_X86_PER_GB_SECOND + of.count() * Prices.LAMBDA_PER_REQUEST)
                / orders
                * 1_000_000;
    }

    static void printStore(ItemSizes sizes, ObjectNode summary) {
        System.out.printf(
                Locale.ROOT,
                "%nDynamoDB, one order (one line, in stock); largest items: %s bytes%n",
                sizes.largestBytes());
        long writeUnits = 0;
        long readUnits = 0;
        for (StoreCalls.Call call : StoreCalls.PER_ORDER) {
            long units = 0;
            for (String table : call.tables()) {
                long bytes = Math.max(1, sizes.of(table));
                units += call.transactionalWrite() ? 2 * ceil(bytes, 1024) : ceil(bytes, 4096);
            }
            if (call.transactionalWrite()) {
                writeUnits += units;
            } else {
                readUnits += units;
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-30s %-58s %2d %s%n",
                    call.stage(),
                    call.call(),
                    units,
                    call.transactionalWrite() ? "WRU" : "RRU");
        }
        double dollars =
                (writeUnits * Prices.DYNAMODB_PER_WRITE_UNIT + readUnits * Prices.DYNAMODB_PER_READ_UNIT) * 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "  %d write and %d read request units per order: $%.2f per 1M orders%n",
                writeUnits,
                readUnits,
                dollars);
        ObjectNode store = summary.putObject("dynamodb");
        sizes.largestBytes().forEach(store.putObject("largestItemBytes")::put);
        store.put("writeUnitsPerOrder", writeUnits)
                .put("readUnitsPerOrder", readUnits)
                .put("dollarsPerMillionOrders", round(dollars));
    }

    /** The prices the dollars were computed with, into the summary. */
    static void addPrices(ObjectNode summary) {
        summary.putObject("prices")
                .put("lambdaX86PerGbSecond", Prices.LAMBDA_X86_PER_GB_SECOND)
                .put("lambdaPerRequest", Prices.LAMBDA_PER_REQUEST)
                .put("dynamodbPerWriteUnit", Prices.DYNAMODB_PER_WRITE_UNIT)
                .put("dynamodbPerReadUnit", Prices.DYNAMODB_PER_READ_UNIT);
    }

    private static long ceil(long bytes, long unit) {
        return (bytes + unit - 1) / unit;
    }

    private static double round(double dollars) {
        return Math.round(dollars * 1000) / 1000.0;
    }
}
