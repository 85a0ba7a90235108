package dev.orderflow.benchmark.cost;

/**
 * Published on-demand prices, US East (N. Virginia), as cited in docs/performance.md (the pricing pages could not be
 * read live from this machine: check them before budgeting).
 * Lambda: x86_64 compute per GB-second (first 6 billion GB-seconds a month) and requests; DynamoDB on-demand,
 * Standard table class: write and read request units. Stream reads by Lambda triggers are not billed.
 */
final class Prices {

    static final double LAMBDA_X86_PER_GB_SECOND = 0.0000166667;
    static final double LAMBDA_PER_REQUEST = 0.20 / 1_000_000;
    static final double DYNAMODB_PER_WRITE_UNIT = 0.625 / 1_000_000;
    static final double DYNAMODB_PER_READ_UNIT = 0.125 / 1_000_000;

    private Prices() {}
}
