package dev.kotak.pop3.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MessageIdSnifferTest {

    @Test
    void findsTheMessageIdAndPassesEveryByteThrough() throws IOException {
        String message = "From: a@example.org\r\nMessage-ID: <one@example.org>\r\nSubject: hi\r\n\r\nbody\r\n";
        Sniffed sniffed = readAll(message, 4096);
        assertThat(sniffed.content).isEqualTo(message);
        assertThat(sniffed.reports).containsExactly(Optional.of("<one@example.org>"));
    }

    @Test
    void readsByteByByteAsWellAsInBlocks() throws IOException {
        String message = "Message-Id: <two@example.org>\r\nTo: b@example.org\r\n\r\nMessage-ID: <in-the-body>\r\n";
        for (int block : new int[] {1, 2, 3, 7, 64}) {
            assertThat(readAll(message, block).reports).as("blocks of %d", block)
                .containsExactly(Optional.of("<two@example.org>"));
        }
        assertThat(readSingleBytes(message).reports).containsExactly(Optional.of("<two@example.org>"));
    }

    @Test
    void theNameIsCaseInsensitiveAndAFoldedValueIsUnfolded() throws IOException {
        String message = "Subject: x\nmessage-id:\n   <folded@example.org>\nX-After: y\n\nbody\n";
        assertThat(readAll(message, 5).reports).containsExactly(Optional.of("<folded@example.org>"));
    }

    @Test
    void onlyTheHeaderSectionCountsAndTheFirstFieldWins() throws IOException {
        assertThat(readAll("Subject: x\r\n\r\nMessage-ID: <body@example.org>\r\n", 8).reports)
            .containsExactly(Optional.empty());
        assertThat(readAll("Message-ID: <first@x>\r\nMessage-ID: <second@x>\r\n\r\n", 8).reports)
            .containsExactly(Optional.of("<first@x>"));
        assertThat(readAll("X-Message-ID: <not-it@x>\r\nMessage-IDs: <nor-this@x>\r\n\r\n", 8).reports)
            .containsExactly(Optional.empty());
    }

    @Test
    void aMessageWithoutBodyOrWithoutIdReportsAtTheEnd() throws IOException {
        assertThat(readAll("Message-ID: <last@x>", 3).reports).containsExactly(Optional.of("<last@x>"));
        assertThat(readAll("Subject: nothing else", 3).reports).containsExactly(Optional.empty());
        assertThat(readAll("", 3).reports).containsExactly(Optional.empty());
    }

    @Test
    void anAbsurdlyLongValueIsNotAMessageId() throws IOException {
        String message = "Message-ID: <" + "x".repeat(MessageIdSniffer.MAX_VALUE) + ">\r\n\r\nbody";
        Sniffed sniffed = readAll(message, 100);
        assertThat(sniffed.reports).containsExactly(Optional.empty());
        assertThat(sniffed.content).isEqualTo(message);
    }

    @Test
    void skippingThroughTheHeaderReportsNoIdRatherThanPartOfOne() throws IOException {
        List<Optional<String>> reports = new ArrayList<>();
        try (InputStream in = new MessageIdSniffer(stream("Message-ID: <cut@x>\r\n\r\nbody"), reports::add)) {
            in.read(new byte[15], 0, 15);
            in.skip(3);
            in.read(new byte[64], 0, 64);
        }
        assertThat(reports).containsExactly(Optional.empty());
    }

    private static Sniffed readAll(String message, int block) throws IOException {
        Sniffed sniffed = new Sniffed();
        try (InputStream in = new MessageIdSniffer(stream(message), sniffed.reports::add)) {
            byte[] buffer = new byte[block];
            StringBuilder content = new StringBuilder();
            int count;
            while ((count = in.read(buffer, 0, block)) >= 0) {
                content.append(new String(buffer, 0, count, StandardCharsets.US_ASCII));
            }
            sniffed.content = content.toString();
        }
        return sniffed;
    }

    private static Sniffed readSingleBytes(String message) throws IOException {
        Sniffed sniffed = new Sniffed();
        try (InputStream in = new MessageIdSniffer(stream(message), sniffed.reports::add)) {
            StringBuilder content = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                content.append((char) b);
            }
            sniffed.content = content.toString();
        }
        return sniffed;
    }

    private static InputStream stream(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII));
    }

    private static final class Sniffed {
        final List<Optional<String>> reports = new ArrayList<>();
        String content;
    }
}
