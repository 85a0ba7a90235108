package dev.orderflow.order.domain;

/** A request that breaks a rule of the order model. Names the offending field, e.g. {@code orderItems[2].quantity}. */
public final class InvalidInput extends OrderException {

    private final String field;

    public InvalidInput(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
