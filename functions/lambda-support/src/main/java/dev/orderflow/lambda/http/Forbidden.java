package dev.orderflow.lambda.http;

/**
 * The caller is known but may not do this (403): a scope the route needs is missing. Names what is missing, never
 * what the caller could not see.
 */
public final class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message, null, false, false);
    }

    /** Unless {@code caller} holds one of {@code anyOf}. */
    public static void unlessScope(Caller caller, String... anyOf) {
        if (!caller.hasAnyScope(anyOf)) {
            throw new Forbidden("forbidden: this needs the scope " + String.join(" or ", anyOf));
        }
    }
}
