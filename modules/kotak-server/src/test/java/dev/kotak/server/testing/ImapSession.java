package dev.kotak.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

/**
 * A plain IMAP conversation over implicit TLS (the shipped port 993), one command at a time, for tests that need
 * exact commands and exact untagged answers ({@code UID SEARCH}, {@code UID STORE}) rather than what a mail
 * library makes of them.
 */
public final class ImapSession implements AutoCloseable {
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\((.*)\\)$");
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private int tag;

    private ImapSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static ImapSession open(int port, String user, String password) {
        try {
            SSLSocket socket = (SSLSocket) MailClients.trustAll().getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            ImapSession session = new ImapSession(socket);
            String greeting = session.in.readLine();
            if (greeting == null || !greeting.startsWith("* OK")) {
                throw new IllegalStateException("IMAP greeting: " + greeting);
            }
            session.ok("LOGIN \"" + user + "\" \"" + password + "\"");
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command that must answer OK; returns its untagged lines. */
    public List<String> ok(String command) {
        try {
            String t = nextTag();
            send(t + " " + command + "\r\n");
            return readUntilTagged(t, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command that must not answer OK; returns its tagged answer ({@code NO ...} or {@code BAD ...}). */
    public String refused(String command) {
        try {
            String t = nextTag();
            send(t + " " + command + "\r\n");
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(t + " ")) {
                    if (line.startsWith(t + " OK")) {
                        throw new IllegalStateException(command + ": expected a refusal, got " + line);
                    }
                    return line.substring(t.length() + 1);
                }
            }
            throw new IllegalStateException(command + ": connection closed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** APPENDs a message, with the flags in parentheses ({@code ""} for none). */
    public void append(String mailbox, String flags, String message) {
        try {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            String t = nextTag();
            String command = "APPEND " + mailbox + (flags.isEmpty() ? "" : " (" + flags + ")") + " {" + bytes.length + "}";
            send(t + " " + command + "\r\n");
            String line = in.readLine();
            if (line == null || !line.startsWith("+")) {
                throw new IllegalStateException(command + ": expected a continuation, got " + line);
            }
            out.write(bytes);
            send("\r\n");
            readUntilTagged(t, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The UIDs a {@code UID SEARCH} answers, in order. */
    public Set<Long> uidSearch(String criteria) {
        Set<Long> uids = new TreeSet<>();
        for (String line : ok("UID SEARCH " + criteria)) {
            if (line.startsWith("* SEARCH")) {
                for (String uid : line.substring("* SEARCH".length()).trim().split(" ")) {
                    if (!uid.isEmpty()) {
                        uids.add(Long.parseLong(uid));
                    }
                }
            }
        }
        return uids;
    }

    /**
     * UID -> flags from the {@code FETCH} lines among {@code responses} (of a {@code UID FETCH}, or of a
     * {@code UID STORE} that is not silent), in sequence order; without {@code \\Recent}, which depends on the
     * session.
     */
    public static Map<Long, Set<String>> flagsByUid(List<String> responses) {
        Map<Long, Set<String>> flags = new LinkedHashMap<>();
        for (String response : responses) {
            Matcher fetch = FETCH.matcher(response);
            if (!fetch.matches()) {
                continue;
            }
            Matcher uid = UID.matcher(fetch.group(2));
            Matcher flagList = FLAGS.matcher(fetch.group(2));
            if (!uid.find() || !flagList.find()) {
                throw new IllegalStateException("no UID or FLAGS in " + response);
            }
            Set<String> set = new TreeSet<>(List.of(flagList.group(1).split(" ")));
            set.remove("\\Recent");
            set.remove("");
            flags.put(Long.parseLong(uid.group(1)), set);
        }
        return flags;
    }

    private String nextTag() {
        return String.format(Locale.ROOT, "k%04d", ++tag);
    }

    private void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private List<String> readUntilTagged(String t, String command) throws IOException {
        List<String> untagged = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(t + " ")) {
                if (!line.startsWith(t + " OK")) {
                    throw new IllegalStateException(command + ": " + line);
                }
                return untagged;
            }
            untagged.add(line);
        }
        throw new IllegalStateException(command + ": connection closed; read " + untagged);
    }

    @Override
    public void close() {
        try {
            send(nextTag() + " LOGOUT\r\n");
        } catch (IOException ignored) {
            // the server may already be gone
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
