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
}
