package dev.orderflow.contracts;

/**
 * The alphabet of the identifiers both services accept (user, product and order ids, Idempotency-Keys): 1 to
 * {@value #MAX_LENGTH} characters (code points, not UTF-16 units), not blank, valid Unicode (no lone surrogates) in
 * normalization form NFC, no control characters and no invisible format characters (category Cf); an id that is a path segment ({@code /inventory/products/{productId}}) also no {@code /},
 * which no URL could carry back to it. Everything else, spaces, {@code ?}, {@code #}, {@code %} and any script,
 * is allowed and percent-encoded where it appears in a URL.
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 128;

    private Identifiers() {}

    /** What is wrong with {@code value} as an identifier, e.g. {@code "must not be blank"}; null when nothing is. */
    public static String problem(String value, boolean pathSegment) {
        if (value == null) {
            return "is required";
        }
        if (value.isBlank()) {
            return "must not be blank";
        }
        if (!validUnicode(value)) {
            return "must be valid Unicode text";
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            // bidi overrides, zero-width joiners and the like make ids that look like others
            return "must not contain invisible format characters (Unicode category Cf)";
        }
        if (!java.text.Normalizer.isNormalized(value, java.text.Normalizer.Form.NFC)) {
            // one way to write each id, so two that look the same are the same
            return "must be in Unicode normalization form NFC";
        }
        if (pathSegment && value.indexOf('/') >= 0) {
            return "must not contain '/'";
        }
        return null;
    }

    /** Whether every surrogate in {@code text} is half of a pair. */
    public static boolean validUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
