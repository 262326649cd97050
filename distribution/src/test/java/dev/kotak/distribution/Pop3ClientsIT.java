package dev.kotak.distribution;

import static dev.kotak.distribution.Clients.POP3;
import static dev.kotak.distribution.Clients.POP3S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real POP3 clients against the distribution as shipped (Kotak's POP3 handlers from extensions-jars/, conf/pop3.xml:
 * plaintext credentials only over TLS, session lock, UIDLs with UIDVALIDITY), each with its DEFAULT settings apart
 * from trusting the self-signed certificate: mpop (it picked APOP and failed on stock James), fetchmail (STLS
 * without being told, then CAPA again, USER/PASS, LAST, UIDL, LIST n + RETR n in keep mode), curl over pop3s,
 * Python's poplib. Leave-on-server
 * runs fetch each new message exactly once, also after INBOX is deleted and re-created (stock James repeated UIDLs
 * then, and mpop skipped new mail).
 */
class Pop3ClientsIT {
    private static final String PASSWORD = "pop3-clients-secret";

    @RegisterExtension
    static final Distribution DIST = Distribution.create();

    @BeforeAll
    static void start() {
        Clients.require("mpop", "fetchmail", "swaks", "curl", "python3");
        DIST.start();
    }

    private static String newUser(String name) {
        String user = name + "-" + UUID.randomUUID().toString().substring(0, 6) + "@pop3clients.kotak.test";
        DIST.webAdmin().addDomainAndUser(user, PASSWORD);
        // As James's provisioning does at first login; WebAdmin's messageCount needs the mailbox.
        assertThat(DIST.webAdmin().put("/users/" + user + "/mailboxes/INBOX").status).isEqualTo(204);
        return user;
    }

    // ---------------------------------------------------------------------------------------------------- mpop

    @Test
    void mpopWithDefaultAuthenticationOverStls(@TempDir Path work) {
        mpopLeaveOnServer(newUser("mpop-stls"), false, work);
    }

    @Test
    void mpopWithDefaultAuthenticationOverImplicitTls(@TempDir Path work) {
        mpopLeaveOnServer(newUser("mpop-tls"), true, work);
    }

    private static void mpopLeaveOnServer(String user, boolean implicitTls, Path work) {
        Mpop mpop = new Mpop(user, implicitTls, work);
        deliver(user, "first", 2);
        assertThat(mpop.run()).as("first run").isEqualTo(2);
        assertThat(mpop.run()).as("second run, nothing new").isZero();
        deliver(user, "second", 3);
        assertThat(mpop.run()).as("third run, one new").isEqualTo(1);
        assertThat(mpop.subjects()).containsExactlyInAnyOrder("first 1", "first 2", "second 3");
        assertThat(DIST.webAdmin().inboxCount(user)).as("left on the server").isEqualTo(3);
    }

    @Test
    void mpopFetchesEveryNewMessageAfterInboxIsRecreated(@TempDir Path work) {
        String user = newUser("mpop-recreate");
        Mpop mpop = new Mpop(user, false, work);
        deliver(user, "before", 3);
        assertThat(mpop.run()).isEqualTo(3);
        DIST.webAdmin().recreateInbox(user);
        deliver(user, "after", 4);
        // Stock James numbers the new messages' UIDLs 1, 2, 3, 4 again: mpop skipped 3 of them.
        assertThat(mpop.run()).as("messages fetched after INBOX re-creation").isEqualTo(4);
        assertThat(mpop.run()).as("and then nothing new").isZero();
        assertThat(mpop.subjects()).containsExactlyInAnyOrder("before 1", "before 2", "before 3", "after 1",
            "after 2", "after 3", "after 4");
    }

    /** mpop in leave-on-server mode with its defaults: authentication chosen by mpop, UIDLs in a file. */
    private static final class Mpop {
        private final String user;
        private final boolean implicitTls;
        private final Path mbox;
        private final Path uidls;

        Mpop(String user, boolean implicitTls, Path work) {
            this.user = user;
            this.implicitTls = implicitTls;
            this.mbox = work.resolve("mbox");
            this.uidls = work.resolve("uidls");
            try {
                Files.createFile(mbox);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One run, which must exit 0; how many messages it delivered to the mbox. */
        long run() {
            long before = fromLines(mbox);
            // No --auth: mpop picks the method from CAPA/SASL (it chose APOP on stock James and failed).
            Distribution.Result result = DIST.run(Distribution.COMMAND_TIMEOUT, List.of("mpop",
                "--host=127.0.0.1",
                "--port=" + DIST.port(implicitTls ? POP3S : POP3),
                "--timeout=60",
                "--tls=on",
                "--tls-starttls=" + (implicitTls ? "off" : "on"),
                "--tls-certcheck=off",
                "--user=" + user,
                "--passwordeval=echo " + PASSWORD,
                "--keep=on",
                "--only-new=on",
                "--received-header=off",
                "--uidls-file=" + uidls,
                "--delivery=mbox," + mbox));
            assertThat(result.exitCode).as("mpop: %s", result).isZero();
            return fromLines(mbox) - before;
        }

        List<String> subjects() {
            return subjectsIn(mbox);
        }
    }

    // ----------------------------------------------------------------------------------------------- fetchmail

    @Test
    void fetchmailOnTheStlsPortInKeepMode(@TempDir Path work) throws IOException {
        String user = newUser("fetchmail");
        Path rc = work.resolve("fetchmailrc");
        Path bsmtp = work.resolve("fetched.bsmtp");
        // Nothing but server, port, credentials and keep: fetchmail upgrades with STLS on its own. "no sslcertck"
        // because the distribution's certificate is self-signed (fetchmail 6.4 checks by default).
        Files.writeString(rc, "poll 127.0.0.1 with protocol POP3 and port " + DIST.port(POP3) + "\n"
            + "    user \"" + user + "\" there with password \"" + PASSWORD + "\" is \"root\" here\n"
            + "    options keep no sslcertck\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        Files.createFile(bsmtp);

        deliver(user, "fetchmail", 2);
        assertThat(fetchmail(work, rc, bsmtp)).as("first run").isEqualTo(2);
        assertThat(fetchmail(work, rc, bsmtp)).as("second run, nothing new").isZero();
        deliver(user, "fetchmail", 3);
        assertThat(fetchmail(work, rc, bsmtp)).as("third run, one new").isEqualTo(1);
        DIST.webAdmin().recreateInbox(user);
        deliver(user, "recreated", 2);
        assertThat(fetchmail(work, rc, bsmtp)).as("after INBOX re-creation").isEqualTo(2);
        assertThat(subjectsIn(bsmtp)).containsExactlyInAnyOrder("fetchmail 1", "fetchmail 2", "fetchmail 3",
            "recreated 1", "recreated 2");
        assertThat(DIST.webAdmin().inboxCount(user)).as("keep: left on the server").isEqualTo(2);
    }

    /** One fetchmail run (exit 0: mail fetched, 1: no mail); the messages it appended to the BSMTP file. */
    private static long fetchmail(Path work, Path rc, Path bsmtp) {
        long before = mailFromLines(bsmtp);
        Distribution.Result result = DIST.run(Distribution.COMMAND_TIMEOUT, List.of("env",
            "FETCHMAILHOME=" + work, "fetchmail", "--nodetach", "--nosyslog", "-v", "-f", rc.toString(),
            "--bsmtp", bsmtp.toString()));
        assertThat(result.exitCode).as("fetchmail: %s", result).isIn(0, 1);
        assertThat(result.output).as("fetchmail upgraded with STLS: %s", result).contains("POP3> STLS");
        long fetched = mailFromLines(bsmtp) - before;
        if (fetched > 0) {
            // fetchmail 6.4.37 reads with LIST n + RETR n here (older ones used TOP n 99999999 in keep mode; the
            // conformance suite checks that TOP returns the whole message).
            assertThat(result.output).as("fetchmail's commands: %s", result)
                .containsPattern("POP3> LIST \\d+").containsPattern("POP3> (RETR \\d+|TOP \\d+ 99999999)");
        }
        return fetched;
    }

    private static long mailFromLines(Path bsmtp) {
        return lines(bsmtp).stream().filter(line -> line.startsWith("MAIL FROM:")).count();
    }

    // ---------------------------------------------------------------------------------------------------- curl

    @Test
    void curlOverPop3s() {
        String user = newUser("curl");
        deliver(user, "curl", 2);
        assertThat(Clients.pop3Subjects(DIST, true, user, PASSWORD)).containsExactly("curl 1", "curl 2");
        Distribution.Result uidl = DIST.run("curl", "-q", "-sS", "--max-time", "60", "-k", "-u", user + ":" + PASSWORD,
            "-X", "UIDL", "pop3s://127.0.0.1:" + DIST.port(POP3S) + "/");
        assertThat(uidl.exitCode).as("curl UIDL: %s", uidl).isZero();
        assertThat(uidl.output.split("\r?\n")).as("UIDL lines").hasSize(2)
            .allMatch(line -> line.matches("[12] [0-9A-F]{16}"));
    }

    // -------------------------------------------------------------------------------------------------- poplib

    private static final String POPLIB = String.join("\n",
        "import poplib, ssl, sys",
        "host, port, mode, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]",
        "context = ssl.create_default_context()",
        "context.check_hostname = False",
        "context.verify_mode = ssl.CERT_NONE",
        "if mode == 'pop3s':",
        "    pop = poplib.POP3_SSL(host, port, context=context, timeout=60)",
        "else:",
        "    pop = poplib.POP3(host, port, timeout=60)",
        "    print('CAPA-BEFORE', sorted(pop.capa().keys()))",
        "    pop.stls(context=context)",
        "print('GREETING', pop.getwelcome().decode())",
        "print('CAPA', sorted(pop.capa().keys()))",
        "pop.user(user)",
        "pop.pass_(password)",
        "count, size = pop.stat()",
        "print('STAT', count, size)",
        "for line in pop.uidl()[1]:",
        "    print('UIDL', line.decode())",
        "for n in range(1, count + 1):",
        "    for line in pop.retr(n)[1]:",
        "        if line.startswith(b'Subject: '):",
        "            print('SUBJECT', line[9:].decode())",
        "print('QUIT', pop.quit().decode())");

    @Test
    void pythonPoplibOverStlsAndPop3s() {
        String user = newUser("poplib");
        deliver(user, "poplib", 2);
        for (String mode : List.of("stls", "pop3s")) {
            Distribution.Result result = DIST.run(Distribution.COMMAND_TIMEOUT, List.of("python3", "-c", POPLIB,
                "127.0.0.1", Integer.toString(DIST.port(mode.equals("pop3s") ? POP3S : POP3)), mode, user, PASSWORD));
            assertThat(result.exitCode).as("poplib (%s): %s", mode, result).isZero();
            List<String> out = List.of(result.output.split("\r?\n"));
            assertThat(out).as("poplib (%s)", mode).contains("GREETING +OK Kotak POP3 server ready.",
                "SUBJECT poplib 1", "SUBJECT poplib 2").anyMatch(l -> l.matches("STAT 2 \\d+"));
            assertThat(out.stream().filter(l -> l.startsWith("UIDL ")).collect(Collectors.toList()))
                .hasSize(2).allMatch(l -> l.matches("UIDL [12] [0-9A-F]{16}"));
            assertThat(out).anyMatch(l -> l.startsWith("QUIT +OK"));
            String capa = out.stream().filter(l -> l.startsWith("CAPA ")).findFirst().orElseThrow();
            assertThat(capa).as("CAPA over TLS").contains("'USER'", "'SASL'", "'RESP-CODES'").doesNotContain("'STLS'");
            if (mode.equals("stls")) {
                String before = out.stream().filter(l -> l.startsWith("CAPA-BEFORE ")).findFirst().orElseThrow();
                assertThat(before).as("CAPA before STLS").contains("'STLS'").doesNotContain("'USER'");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Sends messages "{prefix} N" until the INBOX holds {@code upTo}, numbering on from what is there. */
    private static void deliver(String user, String prefix, int upTo) {
        long already = DIST.webAdmin().inboxCount(user);
        for (long i = already + 1; i <= upTo; i++) {
            Clients.swaks(DIST, "sender@elsewhere.example", user, prefix + " " + i, "Message " + i + ".");
        }
        await("delivery of " + upTo + " messages to " + user).atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> DIST.webAdmin().inboxCount(user) >= upTo);
    }

    /** Messages in an mbox: lines starting with "From " (mpop quotes such lines in bodies as ">From "). */
    private static long fromLines(Path mbox) {
        return lines(mbox).stream().filter(line -> line.startsWith("From ")).count();
    }

    private static List<String> subjectsIn(Path file) {
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
