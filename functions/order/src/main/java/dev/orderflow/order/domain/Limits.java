package dev.orderflow.order.domain;

import dev.orderflow.contracts.EventRules;
import dev.orderflow.contracts.Identifiers;
import java.util.List;

/** The bounds every order and request must respect; checked where commands are built. */
public final class Limits {

    public static final int MAX_LINES = EventRules.MAX_LINES;
    public static final int MIN_QUANTITY = EventRules.MIN_QUANTITY;
    public static final int MAX_QUANTITY = EventRules.MAX_QUANTITY;

    private Limits() {}

    /** An identifier (user, order, idempotency key): see {@link Identifiers}. */
    public static String checkId(String field, String value) {
        return check(field, value, false);
    }

    /** A product id: see {@link Identifiers}; a path segment of the Inventory API, so no {@code /}. */
    public static String checkProductId(String field, String value) {
        return check(field, value, true);
    }

    private static String check(String field, String value, boolean pathSegment) {
        String problem = Identifiers.problem(value, pathSegment);
        if (problem != null) {
            throw new InvalidInput(field, problem);
        }
        return value;
    }

    /** A list of order lines: 1..50 entries. */
    public static void checkLineCount(String field, List<?> lines) {
        if (lines == null || lines.isEmpty()) {
            throw new InvalidInput(field, "must contain at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidInput(field, "must contain at most " + MAX_LINES + " lines");
        }
    }

    public static int checkQuantity(String field, int quantity) {
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new InvalidInput(field, "must be an integer between " + MIN_QUANTITY + " and " + MAX_QUANTITY);
        }
        return quantity;
    }
}
