package dev.kotak.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

/**
 * A line-level IMAP client over implicit TLS (shipped port 993), for tests that check the exact untagged
 * responses (EXPUNGE, FETCH) rather than what a mail library makes of them. Every command must complete
 * {@code OK}.
 */
public final class ImapConnection implements AutoCloseable {
    private final SSLSocket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private int tag;

    ImapConnection(int port) {
        try {
            socket = (SSLSocket) MailClients.trustAll().getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            String greeting = in.readLine();
            if (greeting == null || !greeting.startsWith("* OK")) {
                throw new IllegalStateException("IMAP greeting: " + greeting);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one command; returns its untagged responses (without the tagged completion). */
    public List<String> command(String command) {
        String currentTag = "k" + (++tag);
        write(currentTag + " " + command + "\r\n");
        return untilCompletion(currentTag, command);
    }

    /** APPENDs a message to {@code mailbox} with the given flags (a parenthesised list such as {@code (\Seen $X)}). */
    public void append(String mailbox, String flags, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        String currentTag = "k" + (++tag);
        write(currentTag + " APPEND " + mailbox + " " + flags + " {" + bytes.length + "}\r\n");
        String continuation = readLine();
        if (!continuation.startsWith("+")) {
            throw new IllegalStateException("APPEND refused: " + continuation);
        }
        try {
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        untilCompletion(currentTag, "APPEND");
    }

    private List<String> untilCompletion(String currentTag, String command) {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.startsWith(currentTag + " ")) {
                if (!line.startsWith(currentTag + " OK")) {
                    throw new IllegalStateException(command + " failed: " + line);
                }
                return untagged;
            }
            untagged.add(line);
        }
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException("IMAP connection closed by the server");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
