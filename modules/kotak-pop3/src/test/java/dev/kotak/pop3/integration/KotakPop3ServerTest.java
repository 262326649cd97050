package dev.kotak.pop3.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.kotak.pop3.Pop3Version;
import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/**
 * The basics of Kotak's POP3 handlers in our own server (in-process, Derby, the shipped conf/ with a test
 * pop3.xml): one server for the class, each test on its own connections. The exhaustive transcripts are the
 * conformance suite's (dev.kotak.pop3.conformance); this checks the wiring and the stateful features.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KotakPop3ServerTest {
    private static final String USER = "alice@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final String OTHER = "bob@example.org";
    private static final String TEST_POP3_XML = "<pop3>\n"
        + "  <uidl format=\"uid-uidvalidity\"/>\n"
        + "  <plaintextAuth requireTls=\"false\"/>\n"
        + "  <sessionLock enabled=\"true\"/>\n"
        + "  <authFailures delay=\"300ms\" maxDelay=\"600ms\" disconnectAfter=\"3\"/>\n"
        + "  <badCommands beforeLogin=\"3\" afterLogin=\"20\"/>\n"
        + "</pop3>\n";

    private static TestServer server;
    private static int pop3;
    private static int pop3s;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.on(Database.DERBY);
        server.home().write("pop3.xml", TEST_POP3_XML);
        // A short idle timeout, to see the session lock released when James closes an idle connection.
        server.home().write("pop3server.xml", server.home().read("pop3server.xml")
            .replace("<connectiontimeout>600</connectiontimeout>", "<connectiontimeout>4</connectiontimeout>"));
        server.start();
        server.webAdmin().addDomain("example.org");
        server.webAdmin().addUser(USER, PASSWORD);
        server.webAdmin().addUser(OTHER, PASSWORD);
        for (int i = 1; i <= 3; i++) {
            send(USER, "message " + i, "body " + i + "\r\n.dot line\r\nlast");
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (server.webAdmin().quotaCount(USER) < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(server.webAdmin().quotaCount(USER)).isEqualTo(3);
        pop3 = server.home().port(110);
        pop3s = server.home().port(995);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void greetingHasNoApopTimestampAndCapaIsComplete() throws Exception {
        try (Wire wire = new Wire(pop3)) {
            assertThat(wire.line()).isEqualTo("+OK Kotak POP3 server ready.");
            assertThat(wire.askMulti("CAPA")).containsExactly("+OK Capability list follows", "TOP", "UIDL",
                "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN", "STLS",
                "IMPLEMENTATION Kotak " + Pop3Version.get(), ".");
            assertThat(wire.ask("APOP alice 0123456789abcdef")).isEqualTo("-ERR APOP not enabled.");
            assertThat(wire.askMulti("AUTH")).containsExactly("+OK", "PLAIN", ".");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    @Order(2)
    void transactionCommandsValidateTheirArguments() throws Exception {
        try (Wire wire = login(pop3)) {
            assertThat(wire.ask("STAT")).matches("\\+OK 3 \\d+");
            assertThat(wire.askMulti("UIDL")).hasSize(5).element(1).asString().matches("1 [0-9A-F]{16}");
            assertThat(wire.askMulti("LIST")).hasSize(5).first().asString().matches("\\+OK 3 messages \\(\\d+ octets\\)");
            assertThat(wire.ask("RETR 0")).isEqualTo("-ERR There's no message 0.");
            assertThat(wire.ask("RETR -1")).isEqualTo("-ERR Invalid message number: -1");
            assertThat(wire.ask("RETR 1 2")).isEqualTo("-ERR Noise after message number: 2");
            assertThat(wire.ask("LIST 4")).isEqualTo("-ERR There's no message 4.");
            assertThat(wire.ask("TOP 1 -1")).isEqualTo("-ERR Invalid line count: -1");
            assertThat(wire.ask("NOOP x")).isEqualTo("-ERR NOOP takes no arguments.");
            assertThat(wire.ask("STAT x")).isEqualTo("-ERR STAT takes no arguments.");
            List<String> retr = wire.askMulti("RETR 1");
            assertThat(retr.get(0)).matches("\\+OK \\d+ octets");
            assertThat(retr).contains("..dot line", ".");
            List<String> top = wire.askMulti("TOP 1 0");
            assertThat(top.get(0)).isEqualTo("+OK Top of message follows");
            assertThat(top).doesNotContain("..dot line");
            assertThat(wire.ask("RSET")).matches("\\+OK Maildrop has 3 messages \\(\\d+ octets\\)\\.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    @Order(3)
    void aStrayPassKeepsTheSessionAndItsDeletionsAndOnlyQuitCommits() throws Exception {
        try (Wire wire = login(pop3)) {
            assertThat(wire.ask("DELE 3")).isEqualTo("+OK Message 3 deleted.");
            assertThat(wire.ask("PASS " + PASSWORD)).isEqualTo("-ERR Already logged in.");
            assertThat(wire.ask("USER " + OTHER)).isEqualTo("-ERR Already logged in.");
            assertThat(wire.ask("RETR 3")).isEqualTo("-ERR Message 3 already deleted.");
            assertThat(wire.ask("STAT")).startsWith("+OK 2 ");
            // Dropped without QUIT: nothing changes on the server.
        }
        try (Wire wire = loginEventually(pop3)) {
            assertThat(wire.ask("STAT")).startsWith("+OK 3 ");
            assertThat(wire.ask("DELE 3")).isEqualTo("+OK Message 3 deleted.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out, messages deleted.");
        }
        try (Wire wire = loginEventually(pop3)) {
            assertThat(wire.ask("STAT")).startsWith("+OK 2 ");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    @Order(4)
    void aSecondSessionFindsTheMaildropLockedUntilTheFirstEnds() throws Exception {
        try (Wire first = loginEventually(pop3); Wire second = new Wire(pop3)) {
            second.line();
            assertThat(second.ask("USER " + USER)).isEqualTo("+OK");
            assertThat(second.ask("PASS " + PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            assertThat(second.ask("NOOP")).isEqualTo("-ERR Not logged in.");
            assertThat(first.ask("QUIT")).isEqualTo("+OK Logging out.");
            assertThat(second.ask("USER " + USER)).isEqualTo("+OK");
            assertThat(second.ask("PASS " + PASSWORD)).isEqualTo("+OK Logged in.");
        }
        // The second was dropped without QUIT: its lock goes with the connection.
        try (Wire third = loginEventually(pop3)) {
            assertThat(third.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    @Order(5)
    void saslPlainWithAndWithoutInitialResponse() throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("\0" + OTHER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (Wire wire = new Wire(pop3)) {
            wire.line();
            assertThat(wire.ask("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(wire.ask("*")).isEqualTo("-ERR Authentication cancelled.");
            assertThat(wire.ask("AUTH CRAM-MD5")).isEqualTo("-ERR Unsupported authentication mechanism.");
            assertThat(wire.ask("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(wire.ask(credentials)).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("AUTH PLAIN " + credentials)).isEqualTo("-ERR Already logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
        try (Wire wire = new Wire(pop3)) {
            wire.line();
            assertThat(wire.ask("AUTH PLAIN " + credentials)).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    @Order(6)
    void stlsUpgradesAndIsThenNoLongerAdvertised() throws Exception {
        try (Wire wire = new Wire(pop3)) {
            wire.line();
            assertThat(wire.ask("STLS")).isEqualTo("+OK Begin TLS negotiation.");
            wire.startTls();
            assertThat(wire.askMulti("CAPA")).doesNotContain("STLS").contains("USER", "SASL PLAIN");
            assertThat(wire.ask("STLS")).isEqualTo("-ERR TLS is already active.");
            assertThat(wire.ask("USER " + USER)).isEqualTo("+OK");
            assertThat(wire.ask("PASS " + PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    @Order(7)
    void failedLoginsAreDelayedAndTheThirdCloses() throws Exception {
        try (Wire wire = new Wire(pop3)) {
            wire.line();
            wire.ask("USER " + OTHER);
            long start = System.nanoTime();
            assertThat(wire.ask("PASS wrong")).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
            // Pipelined behind a held reply: answered in order, after it.
            wire.send("USER " + OTHER);
            wire.send("PASS wrong");
            wire.send("NOOP");
            assertThat(wire.line()).isEqualTo("+OK");
            assertThat(wire.line()).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(wire.line()).isEqualTo("-ERR Not logged in.");
            wire.ask("USER " + OTHER);
            assertThat(wire.ask("PASS wrong")).isEqualTo(
                "-ERR [AUTH] Authentication failed; too many failures, closing the connection.");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    @Order(8)
    void badCommandsCloseTheConnection() throws Exception {
        try (Wire wire = new Wire(pop3)) {
            wire.line();
            assertThat(wire.ask("XYZZY")).isEqualTo("-ERR Unknown command: XYZZY");
            assertThat(wire.ask("LIST")).isEqualTo("-ERR Not logged in.");
            assertThat(wire.ask("FOO\u00ff")).isEqualTo("-ERR Too many bad commands; closing the connection.");
            assertThat(wire.closedByServer()).isTrue();
        }
    }

    @Test
    @Order(9)
    void implicitTlsListenerServesTheSameHandlers() throws Exception {
        try (Wire wire = new Wire(pop3s)) {
            wire.startTls();
            assertThat(wire.line()).isEqualTo("+OK Kotak POP3 server ready.");
            assertThat(wire.askMulti("CAPA")).doesNotContain("STLS");
            assertThat(wire.ask("STLS")).isEqualTo("-ERR TLS is already active.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    @Order(10)
    void anIdleSessionTimesOutAndReleasesItsLock() throws Exception {
        try (Wire idle = loginEventually(pop3)) {
            assertThat(idle.ask("DELE 1")).isEqualTo("+OK Message 1 deleted.");
            assertThat(idle.closedByServer()).as("closed by the idle timeout").isTrue();
        }
        try (Wire next = loginEventually(pop3)) {
            assertThat(next.ask("STAT")).as("a timed-out session commits nothing").startsWith("+OK 2 ");
            assertThat(next.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    /** SMTP to the shipped MX listener (MailClients would need Jakarta Mail on this class path). */
    private static void send(String to, String subject, String body) throws Exception {
        SMTPClient smtp = new SMTPClient();
        smtp.connect("127.0.0.1", server.home().port(25));
        try {
            assertThat(smtp.login("tests.kotak.dev")).isTrue();
            assertThat(smtp.setSender("carol@sender.test")).isTrue();
            assertThat(smtp.addRecipient(to)).isTrue();
            assertThat(smtp.sendShortMessageData("From: carol@sender.test\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\n\r\n" + body + "\r\n")).isTrue();
            smtp.logout();
        } finally {
            smtp.disconnect();
        }
    }

    private static Wire login(int port) throws Exception {
        Wire wire = new Wire(port);
        wire.line();
        assertThat(wire.ask("USER " + USER)).isEqualTo("+OK");
        assertThat(wire.ask("PASS " + PASSWORD)).isEqualTo("+OK Logged in.");
        return wire;
    }

    /** Logs in, retrying while a just-dropped connection still holds the lock (its disconnect is asynchronous). */
    private static Wire loginEventually(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            Wire wire = new Wire(port);
            wire.line();
            wire.ask("USER " + USER);
            String reply = wire.ask("PASS " + PASSWORD);
            if (reply.equals("+OK Logged in.")) {
                return wire;
            }
            wire.close();
            assertThat(reply).startsWith("-ERR [IN-USE]");
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
