package dev.orderflow.order.domain;

/** A line is PENDING until Inventory answers, then EXECUTED (stock reserved) or CANCELED (with a reason). */
public enum LineStatus {
    PENDING, EXECUTED, CANCELED;

    public static LineStatus parse(String field, String value) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInput(field, "must be one of " + java.util.Arrays.toString(values()));
        }
    }
}
