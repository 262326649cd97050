package dev.kotak.pop3.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;


/**
 * A raw POP3 conversation over one socket, written as a transcript: {@code send} a line (CRLF added) or raw bytes,
 * then {@code expect} the exact reply line, a multi-line response up to its terminating {@code .}, or the
 * connection being closed. Nothing is parsed or normalised on the way, so what is asserted is what the server
 * wrote. Every line in both directions is kept, and a failed expectation shows the whole transcript.
 *
 * <p>Servers under test use self-signed certificates: TLS (implicit or after {@code STLS}) trusts any
 * certificate; what is tested is the protocol, not the PKI.
 */
public final class Pop3Connection implements AutoCloseable {
    /** Long enough for the damping delays of the conformance settings, short enough to fail a hung test fast. */
    static final int READ_TIMEOUT_MILLIS = 20_000;

    private final String host;
    private final int port;
    private final StringBuilder transcript = new StringBuilder();
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean tls;

    private Pop3Connection(String host, int port, Socket socket, boolean tls) throws IOException {
        this.host = host;
        this.port = port;
        this.tls = tls;
        attach(socket);
    }

    /** A plain TCP connection; the greeting is left unread. */
    public static Pop3Connection open(String host, int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 10_000);
            return new Pop3Connection(host, port, socket, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to POP3 at " + host + ":" + port, e);
        }
    }

    /** A connection with TLS from the first byte (pop3s, RFC 8314); the greeting is left unread. */
    public static Pop3Connection openTls(String host, int port) {
        try {
            Socket raw = new Socket();
            raw.connect(new InetSocketAddress(host, port), 10_000);
            return new Pop3Connection(host, port, handshake(raw, host, port), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to POP3S at " + host + ":" + port, e);
        }
    }

    private void attach(Socket newSocket) throws IOException {
        socket = newSocket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public boolean isTls() {
        return tls;
    }

    // ------------------------------------------------------------------------------------------------- sending

    /** Writes {@code line} followed by CRLF, in one write. */
    public Pop3Connection send(String line) {
        transcript.append("C: ").append(line).append('\n');
        return write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes several commands (each followed by CRLF) in ONE write: RFC 2449 PIPELINING. */
    public Pop3Connection pipeline(String... lines) {
        StringBuilder all = new StringBuilder();
        for (String line : lines) {
            transcript.append("C: ").append(line).append("   (pipelined)\n");
            all.append(line).append("\r\n");
        }
        return write(all.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes bytes exactly as given (no terminator added): bare LF, NUL, partial lines, overlong lines. */
    public Pop3Connection sendRaw(byte[] bytes) {
        transcript.append("C: (raw) ").append(printable(bytes)).append('\n');
        return write(bytes);
    }

    public Pop3Connection sendRaw(String text) {
        return sendRaw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Pop3Connection write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new AssertionError("write failed: " + e + "\n" + transcript(), e);
        }
    }

    // ----------------------------------------------------------------------------------------------- receiving

    /** The next line the server wrote, without its CRLF (which must be there: a bare LF fails). */
    public String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed by the server in the middle of a line after '"
                        + line.toString(StandardCharsets.ISO_8859_1) + "'\n" + transcript());
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                        throw new AssertionError("line not terminated by CRLF: '"
                            + line.toString(StandardCharsets.ISO_8859_1) + "'\n" + transcript());
                    }
                    String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                    transcript.append("S: ").append(text).append('\n');
                    return text;
                }
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + READ_TIMEOUT_MILLIS + " ms\n" + transcript(), e);
        } catch (IOException e) {
            throw new AssertionError("read failed: " + e + "\n" + transcript(), e);
        }
    }

    /** Reads one line and asserts it is exactly {@code expected}. */
    public Pop3Connection expect(String expected) {
        String actual = readLine();
        assertThat(actual).as("reply line\n%s", transcript()).isEqualTo(expected);
        return this;
    }

    /** Reads one line and asserts it starts with {@code prefix} (for lines that carry a variable part). */
    public String expectStartingWith(String prefix) {
        String actual = readLine();
        assertThat(actual).as("reply line\n%s", transcript()).startsWith(prefix);
        return actual;
    }

    /** Reads one line and asserts it matches {@code regex} entirely. */
    public String expectMatching(String regex) {
        String actual = readLine();
        assertThat(actual).as("reply line\n%s", transcript()).matches(regex);
        return actual;
    }

    /**
     * Reads a multi-line response whose first line must be {@code firstLine}: returns the lines between it and the
     * terminating {@code .} exactly as sent (still dot-stuffed).
     */
    public List<String> expectMultiLine(String firstLine) {
        expect(firstLine);
        return readBody();
    }

    /** The lines of a multi-line response up to (not including) the terminating {@code .}, still dot-stuffed. */
    public List<String> readBody() {
        List<String> lines = new ArrayList<>();
        String line;
        while (!(line = readLine()).equals(".")) {
            lines.add(line);
        }
        return lines;
    }

    /**
     * Sends {@code command}, asserts a {@code +OK} first line (any text) and returns the lines of the multi-line
     * response, still dot-stuffed.
     */
    public List<String> multiLine(String command) {
        send(command).expectStartingWith("+OK");
        return readBody();
    }

    /** Command and reply: sends {@code command}, asserts the single reply line is exactly {@code reply}. */
    public Pop3Connection exchange(String command, String reply) {
        return send(command).expect(reply);
    }

    /** Sends {@code command} and returns the reply line. */
    public String ask(String command) {
        return send(command).readLine();
    }

    /** Asserts the server closes the connection (end of stream or reset) without writing anything more. */
    public Pop3Connection expectClosed() {
        try {
            int b = in.read();
            if (b >= 0) {
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                rest.write(b);
                byte[] buffer = new byte[512];
                socket.setSoTimeout(500);
                try {
                    int n = in.read(buffer);
                    if (n > 0) {
                        rest.write(buffer, 0, n);
                    }
                } catch (IOException ignored) {
                    // what arrived is enough to fail
                }
                throw new AssertionError("expected the connection to be closed, the server wrote '"
                    + printable(rest.toByteArray()) + "'\n" + transcript());
            }
            transcript.append("S: (closed)\n");
            return this;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open after " + READ_TIMEOUT_MILLIS + " ms\n"
                + transcript(), e);
        } catch (SocketException e) {
            transcript.append("S: (reset: ").append(e.getMessage()).append(")\n");
            return this;
        } catch (IOException e) {
            throw new AssertionError("read failed: " + e + "\n" + transcript(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Upgrades to TLS after a {@code +OK} reply to {@code STLS} (whose exact text is asserted by the caller). */
    public Pop3Connection stls(String expectedReply) {
        exchange("STLS", expectedReply);
        return startTls();
    }

    /** The TLS handshake over the current socket, as after {@code STLS}. */
    public Pop3Connection startTls() {
        try {
            attach(handshake(socket, host, port));
            tls = true;
            transcript.append("-- TLS established --\n");
            return this;
        } catch (IOException e) {
            throw new AssertionError("TLS handshake failed: " + e + "\n" + transcript(), e);
        }
    }

    /** base64 of {@code \0user\0password}, the SASL PLAIN initial response (RFC 4616). */
    public static String plainCredentials(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What was said so far, for failure messages. */
    public String transcript() {
        return "---- transcript with " + host + ":" + port + (tls ? " (TLS)" : "") + " ----\n" + transcript;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static SSLSocket handshake(Socket raw, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) TrustAllTls.context().getSocketFactory().createSocket(raw, host, port, true);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(READ_TIMEOUT_MILLIS);
        ssl.startHandshake();
        return ssl;
    }

    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(bytes.length, 200);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r') {
                text.append("\\r");
            } else if (b == '\n') {
                text.append("\\n");
            } else if (b < 0x20 || b >= 0x7f) {
                text.append(String.format("\\x%02x", b));
            } else {
                text.append((char) b);
            }
        }
        if (bytes.length > shown) {
            text.append("... (").append(bytes.length).append(" bytes)");
        }
        return text.toString();
    }
}
