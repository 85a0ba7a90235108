package dev.orderflow.order.domain;

/** A line is PENDING until Inventory answers, then EXECUTED (stock reserved) or CANCELED (with a reason). */
public enum LineStatus {
    PENDING,
    EXECUTED,
    CANCELED;

    public static LineStatus parse(String field, String value) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            // only CANCELED is a client's to set: EXECUTED follows from Inventory's answer
            throw new InvalidInput(field, "must be CANCELED, the only line status a client may set");
        }
    }
}
