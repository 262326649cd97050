package dev.kotak.pop3.commands;

import java.io.IOException;
import java.io.InputStream;

/**
 * The part of a message TOP sends: every header line, the blank line ending them, then at most
 * {@code bodyLines} lines of body. Lines end at LF (with or without CR), as stored messages may have either.
 * {@code onComplete} runs if the whole message fitted, i.e. the client got all of it.
 */
final class TopInputStream extends InputStream {
    private final InputStream in;
    private final long bodyLines;
    private final Runnable onComplete;
    private boolean inBody;
    private boolean lineBlank = true;
    private long linesSent;
    private boolean finished;

    TopInputStream(InputStream in, long bodyLines, Runnable onComplete) {
        this.in = in;
        this.bodyLines = bodyLines;
        this.onComplete = onComplete;
    }

    @Override
    public int read() throws IOException {
        if (finished) {
            return -1;
        }
        if (inBody && linesSent >= bodyLines) {
            finished = true;
            return -1;
        }
        int c = in.read();
        if (c == -1) {
            finished = true;
            onComplete.run();
            return -1;
        }
        if (c == '\n') {
            if (inBody) {
                linesSent++;
            } else if (lineBlank) {
                inBody = true;
            }
            lineBlank = true;
        } else if (c != '\r') {
            lineBlank = false;
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
