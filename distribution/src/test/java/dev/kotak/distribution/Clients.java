package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.junit.jupiter.api.Assumptions;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;

/**
 * Real mail clients driven against a {@link Distribution}: swaks (SMTP), curl (POP3, IMAP), mpop (POP3) as
 * processes, Angus Mail (IMAP) in process. Ports are the shipped ones, mapped by {@link Distribution#port(int)}.
 */
final class Clients {
    static final int SMTP = 25;
    static final int SMTPS = 465;
    static final int SUBMISSION = 587;
    static final int POP3 = 110;
    static final int POP3S = 995;
    static final int IMAP = 143;
    static final int IMAPS = 993;

    private static final Pattern POP3_LIST_LINE = Pattern.compile("(?m)^(\\d+) (\\d+)\\r?$");
    private static final Pattern SEARCH_LINE = Pattern.compile("(?m)^\\* SEARCH((?: \\d+)*)\\s*$");
    private static final Pattern SUBJECT_LINE = Pattern.compile("(?mi)^Subject: (.*?)\\r?$");

    private Clients() {
    }

    /**
     * Skips the test when {@code binary} is not installed, except on CI (CI=true), where it must be: .ci/run
     * installs it, and a silently skipped end-to-end test proves nothing.
     */
    static void require(String... binaries) {
        for (String binary : binaries) {
            boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, binary)));
            if (!found) {
                String message = binary + " is not installed (Debian package " + binary + ")";
                if ("true".equals(System.getenv("CI"))) {
                    fail(message + ", and CI=true: CI must install it");
                }
                Assumptions.abort(message + ": skipping this end-to-end test");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- SMTP

    /** One mail with swaks to the MX port (25, no authentication); swaks must exit 0 (250 after DATA). */
    static void swaks(Distribution dist, String from, String to, String subject, String body) {
        Distribution.Result result = dist.run("swaks", "--server", "127.0.0.1", "--port",
                Integer.toString(dist.port(SMTP)), "--helo", "e2e.kotak.test", "--from", from, "--to", to,
                "--header", "Subject: " + subject, "--body", body, "--timeout", "60");
        assertThat(result.exitCode).as("swaks to %s, subject %s: %s", to, subject, result).isZero();
    }

    // ------------------------------------------------------------------------------------------- POP3 (curl)

    /**
     * {@code curl pop3[s]://}: STLS on 110 ({@code --ssl-reqd}, so curl refuses to log in without TLS) or
     * implicit TLS on 995. {@code path} "/" lists, "/N" retrieves message N.
     */
    static Distribution.Result curlPop3(Distribution dist, boolean implicitTls, String user, String password,
            String path) {
        String url = implicitTls ? "pop3s://127.0.0.1:" + dist.port(POP3S) + path
                : "pop3://127.0.0.1:" + dist.port(POP3) + path;
        List<String> command = new ArrayList<>(List.of("curl", "-q", "-sS", "--max-time", "60", "-k"));
        if (!implicitTls) {
            command.add("--ssl-reqd");
        }
        command.addAll(List.of("-u", user + ":" + password, url));
        return dist.run(Distribution.COMMAND_TIMEOUT, command);
    }

    /** The message numbers of a POP3 LIST over curl (asserting curl exits 0). */
    static List<Integer> pop3List(Distribution dist, boolean implicitTls, String user, String password) {
        Distribution.Result result = curlPop3(dist, implicitTls, user, password, "/");
        assertThat(result.exitCode).as("POP3 LIST (%s): %s", implicitTls ? "pop3s" : "STLS", result).isZero();
        List<Integer> numbers = new ArrayList<>();
        Matcher m = POP3_LIST_LINE.matcher(result.output);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers;
    }

    /** The Subject of every message of the maildrop, retrieved one by one (RETR) over curl. */
    static List<String> pop3Subjects(Distribution dist, boolean implicitTls, String user, String password) {
        List<String> subjects = new ArrayList<>();
        for (int number : pop3List(dist, implicitTls, user, password)) {
            Distribution.Result result = curlPop3(dist, implicitTls, user, password, "/" + number);
            assertThat(result.exitCode).as("POP3 RETR %s: %s", number, result).isZero();
            Matcher m = SUBJECT_LINE.matcher(result.output);
            assertThat(m.find()).as("a Subject header in message %s: %s", number, result.output).isTrue();
            subjects.add(m.group(1));
        }
        return subjects;
    }

    // ------------------------------------------------------------------------------------------- IMAP (curl)

    /** {@code SEARCH SUBJECT word} in INBOX over curl after STARTTLS on 143; the message numbers found. */
    static List<Integer> curlImapSearchSubject(Distribution dist, String user, String password, String word) {
        Distribution.Result result = dist.run("curl", "-q", "-sS", "--max-time", "60", "--ssl-reqd", "-k",
                "-u", user + ":" + password, "imap://127.0.0.1:" + dist.port(IMAP) + "/INBOX",
                "-X", "SEARCH SUBJECT " + word);
        assertThat(result.exitCode).as("IMAP SEARCH over curl: %s", result).isZero();
        Matcher m = SEARCH_LINE.matcher(result.output);
        assertThat(m.find()).as("an untagged SEARCH response: %s", result).isTrue();
        List<Integer> numbers = new ArrayList<>();
        for (String token : m.group(1).trim().split(" ")) {
            if (!token.isEmpty()) {
                numbers.add(Integer.parseInt(token));
            }
        }
        return numbers;
    }

    // ------------------------------------------------------------------------------------ IMAP (Angus Mail)

    /** What INBOX holds, seen over IMAP after STARTTLS on 143. */
    static final class Inbox {
        final int messageCount;
        final List<String> subjects;
        /** Message numbers the server's own SEARCH SUBJECT returned (no client-side fallback). */
        final List<Integer> searchHits;

        Inbox(int messageCount, List<String> subjects, List<Integer> searchHits) {
            this.messageCount = messageCount;
            this.subjects = subjects;
            this.searchHits = searchHits;
        }
    }

    static Inbox imapInbox(Distribution dist, String user, String password, String searchWord)
            throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.trust", "*");
        props.put("mail.imap.ssl.checkserveridentity", "false");
        props.put("mail.imap.connectiontimeout", "30000");
        props.put("mail.imap.timeout", "60000");
        Session session = Session.getInstance(props);
        // Constructed directly: James's own javax.mail is on this class path too, and must not be picked.
        IMAPStore store = new IMAPStore(session, new URLName("imap", "127.0.0.1", dist.port(IMAP), null, user,
                password));
        store.connect("127.0.0.1", dist.port(IMAP), user, password);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                Message[] messages = inbox.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.ENVELOPE);
                inbox.fetch(messages, profile);
                List<String> subjects = new ArrayList<>();
                for (Message message : messages) {
                    subjects.add(message.getSubject());
                }
                @SuppressWarnings("unchecked")
                List<Integer> hits = (List<Integer>) inbox.doCommand(protocol -> {
                    Response[] responses = protocol.command("SEARCH SUBJECT " + searchWord, null);
                    protocol.notifyResponseHandlers(responses);
                    protocol.handleResult(responses[responses.length - 1]);
                    List<Integer> numbers = new ArrayList<>();
                    for (Response response : responses) {
                        if (response instanceof IMAPResponse && ((IMAPResponse) response).keyEquals("SEARCH")) {
                            int number;
                            while ((number = response.readNumber()) != -1) {
                                numbers.add(number);
                            }
                        }
                    }
                    return numbers;
                });
                return new Inbox(messages.length, subjects, hits);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
