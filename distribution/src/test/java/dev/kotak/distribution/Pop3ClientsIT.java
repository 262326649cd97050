package dev.kotak.distribution;

import static dev.kotak.distribution.Clients.POP3;
import static dev.kotak.distribution.Clients.POP3S;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
        // No --auth: mpop picks the method from CAPA/SASL (it chose APOP on stock James and failed).
        Clients.Mpop mpop = new Clients.Mpop(DIST, user, PASSWORD, work);
        if (implicitTls) {
            mpop.overImplicitTls();
        }
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
        Clients.Mpop mpop = new Clients.Mpop(DIST, user, PASSWORD, work);
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

    // ----------------------------------------------------------------------------------------------- fetchmail

    @Test
    void fetchmailOnTheStlsPortInKeepMode(@TempDir Path work) {
        String user = newUser("fetchmail");
        // Its defaults, in keep mode: fetchmail upgrades with STLS on its own, LAST, UIDL, LIST n + RETR n.
        Clients.Fetchmail fetchmail = new Clients.Fetchmail(DIST, user, PASSWORD, true, work);

        deliver(user, "fetchmail", 2);
        assertThat(fetchmail.run()).as("first run").isEqualTo(2);
        assertThat(fetchmail.run()).as("second run, nothing new").isZero();
        deliver(user, "fetchmail", 3);
        assertThat(fetchmail.run()).as("third run, one new").isEqualTo(1);
        DIST.webAdmin().recreateInbox(user);
        deliver(user, "recreated", 2);
        assertThat(fetchmail.run()).as("after INBOX re-creation").isEqualTo(2);
        assertThat(fetchmail.subjects()).containsExactlyInAnyOrder("fetchmail 1", "fetchmail 2", "fetchmail 3",
            "recreated 1", "recreated 2");
        assertThat(DIST.webAdmin().inboxCount(user)).as("keep: left on the server").isEqualTo(2);
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

    private static void deliver(String user, String prefix, int upTo) {
        Clients.deliver(DIST, user, prefix, upTo);
    }
}
