package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
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
 * Real mail clients driven against a {@link Distribution}: swaks (SMTP), curl (POP3, IMAP), mpop and fetchmail
 * (POP3) as processes, Angus Mail (IMAP) in process. Ports are the shipped ones, mapped by
 * {@link Distribution#port(int)}.
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

    /**
     * Sends messages "{prefix} N" with swaks until the user's INBOX (which must exist) holds {@code upTo}, numbering
     * on from what is there, and waits for their delivery (WebAdmin's messageCount).
     */
    static void deliver(Distribution dist, String user, String prefix, int upTo) {
        long already = dist.webAdmin().inboxCount(user);
        for (long i = already + 1; i <= upTo; i++) {
            swaks(dist, "sender@elsewhere.example", user, prefix + " " + i, "Message " + i + ".");
        }
        await("delivery of " + upTo + " messages to " + user).atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> dist.webAdmin().inboxCount(user) >= upTo);
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

    /** The UIDLs of the maildrop, in message-number order, from {@code UIDL} over curl (pop3s). */
    static List<String> pop3Uidls(Distribution dist, String user, String password) {
        Distribution.Result result = dist.run("curl", "-q", "-sS", "--max-time", "60", "-k", "-u",
            user + ":" + password, "-X", "UIDL", "pop3s://127.0.0.1:" + dist.port(POP3S) + "/");
        assertThat(result.exitCode).as("POP3 UIDL over curl: %s", result).isZero();
        List<String> uidls = new ArrayList<>();
        for (String line : result.output.split("\\r?\\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 2) {
                uidls.add(fields[1]);
            }
        }
        return uidls;
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
        /** Messages without \Seen, as the client counts them. */
        final int unread;

        Inbox(int messageCount, List<String> subjects, List<Integer> searchHits, int unread) {
            this.messageCount = messageCount;
            this.subjects = subjects;
            this.searchHits = searchHits;
            this.unread = unread;
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
                return new Inbox(messages.length, subjects, hits, inbox.getUnreadMessageCount());
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------- mpop

    /**
     * One mpop "device": its own UIDL file and mbox, command-line settings only (no ~/.mpoprc), the self-signed
     * certificate trusted. By default STLS on 110 and the authentication method mpop picks from CAPA.
     */
    static final class Mpop {
        private final Distribution dist;
        private final String user;
        private final String password;
        private final Path mbox;
        private final Path uidls;
        private boolean implicitTls;
        private String auth;
        private Distribution.Result last;

        /** {@code dir} holds this device's mbox and UIDL file; it is created if needed. */
        Mpop(Distribution dist, String user, String password, Path dir) {
            this.dist = dist;
            this.user = user;
            this.password = password;
            this.mbox = dir.resolve("mbox");
            this.uidls = dir.resolve("uidls");
            try {
                Files.createDirectories(dir);
                if (!Files.exists(mbox)) {
                    Files.createFile(mbox);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Implicit TLS on 995 instead of STLS on 110. */
        Mpop overImplicitTls() {
            implicitTls = true;
            return this;
        }

        /** {@code --auth=METHOD} instead of mpop's own choice. */
        Mpop auth(String method) {
            auth = method;
            return this;
        }

        /** A "leave mail on server" run ({@code --keep=on --only-new=on}); see {@link #run(boolean)}. */
        long run() {
            return run(true);
        }

        /**
         * One run, which must exit 0; how many messages it delivered to the mbox. {@code keep=false} is mpop's
         * default mode: it DELEs what it delivered and what earlier runs retrieved, then QUITs.
         */
        long run(boolean keep) {
            long before = fromLines(mbox);
            List<String> command = new ArrayList<>(List.of("mpop",
                "--host=127.0.0.1",
                "--port=" + dist.port(implicitTls ? POP3S : POP3),
                "--timeout=60",
                "--tls=on",
                "--tls-starttls=" + (implicitTls ? "off" : "on"),
                "--tls-certcheck=off"));
            if (auth != null) {
                command.add("--auth=" + auth);
            }
            command.addAll(List.of(
                "--user=" + user,
                "--passwordeval=echo " + password,
                "--keep=" + (keep ? "on" : "off"),
                "--only-new=on",
                "--received-header=off",
                "--uidls-file=" + uidls,
                "--delivery=mbox," + mbox,
                // The whole POP3 dialogue (test passwords included), for failure messages and the DELE checks.
                "--debug"));
            last = dist.run(Distribution.COMMAND_TIMEOUT, command);
            assertThat(last.exitCode).as("mpop as %s: %s", user, last).isZero();
            return fromLines(mbox) - before;
        }

        /** The last run: command, exit code and mpop's --debug transcript. */
        Distribution.Result last() {
            return last;
        }

        /** The POP3 commands of the last run's transcript that start with {@code verb} (e.g. "DELE"). */
        List<String> sent(String verb) {
            return Arrays.stream(last.output.split("\\r?\\n"))
                .filter(line -> line.startsWith("--> " + verb))
                .map(line -> line.substring(4).trim())
                .collect(Collectors.toList());
        }

        /** Subjects of every message delivered to the mbox so far. */
        List<String> subjects() {
            return subjectsIn(mbox);
        }
    }

    // ----------------------------------------------------------------------------------------------- fetchmail

    /**
     * One fetchmail "device": its own rc file, {@code .fetchids} (FETCHMAILHOME) and BSMTP output file. Nothing but
     * server, port, credentials and keep-or-not in the rc: fetchmail upgrades with STLS on its own. "no sslcertck"
     * because the distribution's certificate is self-signed (fetchmail 6.4 checks by default). Without keep,
     * fetchmail DELEs every message it fetched.
     */
    static final class Fetchmail {
        private final Distribution dist;
        private final String user;
        private final Path dir;
        private final Path rc;
        private final Path bsmtp;
        private Distribution.Result last;

        Fetchmail(Distribution dist, String user, String password, boolean keep, Path dir) {
            this.dist = dist;
            this.user = user;
            this.dir = dir;
            this.rc = dir.resolve("fetchmailrc");
            this.bsmtp = dir.resolve("fetched.bsmtp");
            try {
                Files.createDirectories(dir);
                Files.writeString(rc, "poll 127.0.0.1 with protocol POP3 and port " + dist.port(POP3) + "\n"
                    + "    user \"" + user + "\" there with password \"" + password + "\" is \"root\" here\n"
                    + "    options " + (keep ? "keep " : "") + "no sslcertck\n", StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
                if (!Files.exists(bsmtp)) {
                    Files.createFile(bsmtp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One run (exit 0: mail fetched, 1: no mail); the messages it appended to the BSMTP file. */
        long run() {
            long before = mailFromLines(bsmtp);
            last = dist.run(Distribution.COMMAND_TIMEOUT, List.of("env", "FETCHMAILHOME=" + dir, "fetchmail",
                "--nodetach", "--nosyslog", "-v", "-f", rc.toString(), "--bsmtp", bsmtp.toString()));
            assertThat(last.exitCode).as("fetchmail as %s: %s", user, last).isIn(0, 1);
            assertThat(last.output).as("fetchmail upgraded with STLS: %s", last).contains("POP3> STLS");
            long fetched = mailFromLines(bsmtp) - before;
            if (fetched > 0) {
                // fetchmail 6.4.37 reads with LIST n + RETR n (older ones used TOP n 99999999 in keep mode; the
                // conformance suite checks that TOP returns the whole message).
                assertThat(last.output).as("fetchmail's commands: %s", last)
                    .containsPattern("POP3> LIST \\d+").containsPattern("POP3> (RETR \\d+|TOP \\d+ 99999999)");
            }
            return fetched;
        }

        /** The last run: command, exit code and fetchmail's -v transcript. */
        Distribution.Result last() {
            return last;
        }

        /** The POP3 commands of the last run's transcript that start with {@code verb} (e.g. "DELE"). */
        List<String> sent(String verb) {
            return Arrays.stream(last.output.split("\\r?\\n"))
                .map(line -> line.replaceFirst("^fetchmail: ", ""))
                .filter(line -> line.startsWith("POP3> " + verb))
                .map(line -> line.substring(6).trim())
                .collect(Collectors.toList());
        }

        /** Subjects of every message fetched so far. */
        List<String> subjects() {
            return subjectsIn(bsmtp);
        }
    }

    // --------------------------------------------------------------------------------------- mbox, BSMTP files

    /** Messages in an mbox: lines starting with "From " (mpop quotes such lines in bodies as ">From "). */
    static long fromLines(Path mbox) {
        return lines(mbox).stream().filter(line -> line.startsWith("From ")).count();
    }

    /** Messages in a BSMTP file (fetchmail --bsmtp): its MAIL FROM lines. */
    static long mailFromLines(Path bsmtp) {
        return lines(bsmtp).stream().filter(line -> line.startsWith("MAIL FROM:")).count();
    }

    /** Every Subject header line of an mbox or BSMTP file, in order. */
    static List<String> subjectsIn(Path file) {
        List<String> subjects = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.startsWith("Subject: ")) {
                subjects.add(line.substring("Subject: ".length()).trim());
            }
        }
        return subjects;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
