package dev.kotak.pop3.maildrop;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes a message through unchanged while noticing its {@code Message-ID} header (RFC 5322 §3.6.4) in the header
 * section as it goes by, and reports it once: when the header section ends, or at the end of the stream.
 *
 * <p>Why: a policy's QUIT names every retrieved message by Message-ID in its audit events. Reading the headers
 * again at QUIT costs a fetch per message; the bytes already pass here on their way to the client, so looking at
 * them costs nothing measurable. Only the first field named Message-ID counts; folded values are unfolded; a value
 * longer than {@link #MAX_VALUE} octets is not a Message-ID anyone can use and is reported as absent.
 */
final class MessageIdSniffer extends FilterInputStream {
    static final int MAX_VALUE = 998;
    private static final byte[] NAME = "message-id:".getBytes(StandardCharsets.US_ASCII);

    private enum State { LINE_START, NAME, VALUE, SKIP_LINE, DONE }

    private final Consumer<Optional<String>> report;
    private final ByteArrayOutputStream value = new ByteArrayOutputStream();
    private State state = State.LINE_START;
    private int matched;
    private boolean found;
    /** The value is unusable: too long, or partly skipped. */
    private boolean oversized;

    MessageIdSniffer(InputStream in, Consumer<Optional<String>> report) {
        super(in);
        this.report = report;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            finish();
        } else {
            see(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count < 0) {
            finish();
        }
        for (int i = 0; i < count && state != State.DONE; i++) {
            see(buffer[offset + i] & 0xff);
        }
        return count;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes cannot be looked at: report no Message-ID rather than a part of one (QUIT reads it then).
        if (state != State.DONE) {
            oversized = true;
            finish();
        }
        return super.skip(n);
    }

    private void see(int b) {
        switch (state) {
            case LINE_START:
                if (b == '\r' || b == '\n') {
                    // The empty line: the header section is over.
                    finish();
                } else if (b == ' ' || b == '\t') {
                    // A folded continuation of the previous field; once found, that field is the Message-ID.
                    state = found ? State.VALUE : State.SKIP_LINE;
                    append(' ');
                } else if (found) {
                    // The next field: the Message-ID is complete.
                    finish();
                } else {
                    matched = 0;
                    state = State.NAME;
                    see(b);
                }
                break;
            case NAME:
                if (Character.toLowerCase(b) == NAME[matched]) {
                    matched++;
                    if (matched == NAME.length) {
                        found = true;
                        state = State.VALUE;
                    }
                } else {
                    state = b == '\n' ? State.LINE_START : State.SKIP_LINE;
                }
                break;
            case VALUE:
                if (b == '\n') {
                    state = State.LINE_START;
                } else if (b != '\r') {
                    append(b);
                }
                break;
            case SKIP_LINE:
                if (b == '\n') {
                    state = State.LINE_START;
                }
                break;
            default:
                break;
        }
    }

    private void append(int b) {
        if (state != State.VALUE) {
            return;
        }
        if (value.size() >= MAX_VALUE) {
            oversized = true;
            return;
        }
        value.write(b);
    }

    private void finish() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        String id = value.toString(StandardCharsets.US_ASCII).trim();
        report.accept(found && !oversized && !id.isEmpty() ? Optional.of(id) : Optional.empty());
    }
}
