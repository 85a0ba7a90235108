package dev.orderflow.lambda.http;

/** A request whose shape is wrong (not JSON, wrong type, unknown field): 400, naming the field. */
public final class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
