package dev.orderflow.order.domain;

/** The bounds every order and request must respect; checked where commands are built. */
public final class Limits {

    public static final int MAX_LINES = 50;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000;
    public static final int MAX_ID_LENGTH = 128;

    private Limits() {
    }

    /** An identifier (user, product, order, idempotency key): present, not blank, at most 128 chars, no control chars. */
    public static String checkId(String field, String value) {
        if (value == null) {
            throw new InvalidInput(field, "is required");
        }
        if (value.isBlank()) {
            throw new InvalidInput(field, "must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidInput(field, "must be at most " + MAX_ID_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput(field, "must not contain control characters");
        }
        return value;
    }

    /** A list of order lines: 1..50 entries. */
    public static void checkLineCount(String field, java.util.List<?> lines) {
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
