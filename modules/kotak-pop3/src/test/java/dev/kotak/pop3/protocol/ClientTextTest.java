package dev.kotak.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTextTest {
    @Test
    void printableAsciiIsKept() {
        assertThat(ClientText.sanitize("XYZZY 1")).isEqualTo("XYZZY 1");
    }

    @Test
    void controlAndNonAsciiCharactersBecomeQuestionMarks() {
        assertThat(ClientText.sanitize("A\rB\nC\u0000D\u00ffE\tF")).isEqualTo("A?B?C?D?E?F");
    }

    @Test
    void longTextIsCut() {
        assertThat(ClientText.sanitize("x".repeat(100))).isEqualTo("x".repeat(40) + "...");
        assertThat(ClientText.sanitize("x".repeat(40))).isEqualTo("x".repeat(40));
    }

    @Test
    void nullIsEmpty() {
        assertThat(ClientText.sanitize(null)).isEmpty();
    }
}
