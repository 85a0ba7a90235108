package dev.orderflow.inventory.domain;

import dev.orderflow.contracts.Identifiers;
import java.time.Instant;

/**
 * A product's stock. Invariants, kept by the store's conditional writes: {@code available >= 0},
 * {@code reserved >= 0}; {@code available + reserved} changes only by restocks and shipments.
 *
 * @param available         units that can still be reserved
 * @param reserved          units held for orders that have not shipped
 * @param lowStockThreshold a LOW_STOCK alert fires when {@code available} falls to or below it
 * @param version           incremented by every change
 */
public record Product(
        String productId,
        String name,
        long available,
        long reserved,
        long lowStockThreshold,
        Instant updatedAt,
        long version) {

    public static final long MAX_QUANTITY = 1_000_000;
    public static final int MAX_NAME_LENGTH = 256;

    /** A product id: see {@link Identifiers} (a path segment, so no {@code /}). */
    public static String checkId(String field, String value) {
        String problem = Identifiers.problem(value, true);
        if (problem != null) {
            throw new InvalidInput(field, problem);
        }
        return value;
    }

    static String checkName(String name) {
        if (name != null
                && (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH
                        || name.codePoints().anyMatch(Character::isISOControl)
                        || !Identifiers.validUnicode(name))) {
            throw new InvalidInput(
                    "name", "must be at most " + MAX_NAME_LENGTH + " characters without control characters");
        }
        return name;
    }

    static long checkRange(String field, long value, long min) {
        if (value < min || value > MAX_QUANTITY) {
            throw new InvalidInput(field, "must be an integer between " + min + " and " + MAX_QUANTITY);
        }
        return value;
    }
}
