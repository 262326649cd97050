package dev.kotak.pop3.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class TopInputStreamTest {
    private static final String MESSAGE = "Subject: hi\r\nFrom: a@b\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";
    private final AtomicBoolean complete = new AtomicBoolean();

    @Test
    void zeroLinesGivesHeadersAndTheBlankLine() throws IOException {
        assertThat(top(MESSAGE, 0)).isEqualTo("Subject: hi\r\nFrom: a@b\r\n\r\n");
        assertThat(complete).isFalse();
    }

    @Test
    void someLines() throws IOException {
        assertThat(top(MESSAGE, 2)).isEqualTo("Subject: hi\r\nFrom: a@b\r\n\r\nline 1\r\nline 2\r\n");
        assertThat(complete).isFalse();
    }

    @Test
    void moreLinesThanTheBodyGivesTheWholeMessageAndCountsAsRetrieved() throws IOException {
        assertThat(top(MESSAGE, 99999999)).isEqualTo(MESSAGE);
        assertThat(complete).isTrue();
    }

    @Test
    void bareLineFeedsAreLineEnds() throws IOException {
        assertThat(top("A: b\n\nx\ny\n", 1)).isEqualTo("A: b\n\nx\n");
    }

    @Test
    void aMessageWithoutBodyIsSentWhole() throws IOException {
        assertThat(top("A: b\r\nC: d\r\n", 0)).isEqualTo("A: b\r\nC: d\r\n");
        assertThat(complete).isTrue();
    }

    private String top(String message, long lines) throws IOException {
        TopInputStream in = new TopInputStream(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)),
            lines, () -> complete.set(true));
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
