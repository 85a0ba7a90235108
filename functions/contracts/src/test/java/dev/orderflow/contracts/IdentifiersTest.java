package dev.orderflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void anyScriptSpacesAndUrlCharactersAreFine() {
        assertThat(Identifiers.problem("чайник 😺 a?b#c%d", true)).isNull();
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertThat(Identifiers.problem("😺".repeat(128), false)).isNull();
        assertThat(Identifiers.problem("😺".repeat(129), false)).isEqualTo("must be at most 128 characters");
    }

    @Test
    void aSlashIsRefusedOnlyInIdsThatArePathSegments() {
        assertThat(Identifiers.problem("a/b", true)).isEqualTo("must not contain '/'");
        assertThat(Identifiers.problem("a/b", false)).isNull();
    }

    @Test
    void blankControlAndBrokenTextAreRefused() {
        assertThat(Identifiers.problem(null, false)).isEqualTo("is required");
        assertThat(Identifiers.problem("  ", false)).isEqualTo("must not be blank");
        assertThat(Identifiers.problem("a\u0000b", false)).isEqualTo("must not contain control characters");
        assertThat(Identifiers.problem("a\ud83d", false)).isEqualTo("must be valid Unicode text");
        assertThat(Identifiers.problem("\ude3ab", false)).isEqualTo("must be valid Unicode text");
    }

    @Test
    void invisibleFormatCharactersAndUnnormalizedTextAreRefusedSoNoTwoIdsLookAlike() {
        // a right-to-left override, a zero-width space and joiner, a soft hyphen: each makes a look-alike id
        for (String lookAlike : new String[] {"sku\u202E1", "sku\u200B1", "sku\u200D1", "sku\u00AD1", "\uFEFFsku-1"}) {
            assertThat(Identifiers.problem(lookAlike, true))
                    .as(lookAlike)
                    .isEqualTo("must not contain invisible format characters (Unicode category Cf)");
        }
        // "é" as e + combining acute (NFD) would be another id than the precomposed one
        assertThat(Identifiers.problem("cafe\u0301", true)).isEqualTo("must be in Unicode normalization form NFC");
        assertThat(Identifiers.problem("caf\u00e9", true)).isNull();
    }
}
