package dev.kotak.pop3.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/**
 * Login damping over the wire, across connections: the delay of a failed PASS grows with the failures of the
 * remote address and of the user, whichever has more, not just with those of one connection. Every client here
 * comes from 127.0.0.1. Only lower bounds are asserted on failures (a held reply never comes early); the one upper
 * bound is on a successful login, which AuthFailureDamping promises is never delayed, and it is generous.
 */
class AuthFailureDampingAcrossConnectionsTest {
    private static final long DELAY_MILLIS = 500;
    private static final String USER = "xavier@example.org";
    private static final String OTHER_USER = "yvonne@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final String AUTH_FAILED = "-ERR [AUTH] Authentication failed.";
    private static final String POP3_XML = "<pop3>\n"
        + "  <plaintextAuth requireTls=\"false\"/>\n"
        + "  <authFailures delay=\"" + DELAY_MILLIS + "ms\" maxDelay=\"10s\" disconnectAfter=\"3\"/>\n"
        + "</pop3>\n";

    private static TestServer server;
    private static int pop3;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.on(Database.DERBY);
        server.home().write("pop3.xml", POP3_XML);
        server.start();
        server.webAdmin().addDomain("example.org");
        server.webAdmin().addUser(USER, PASSWORD);
        pop3 = server.home().port(110);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void failuresAccumulatePerAddressAndPerUserAcrossConnections() throws Exception {
        // First login provisions INBOX (slow once), and leaves the address with no failures.
        try (Wire warmUp = new Wire(pop3)) {
            warmUp.line();
            assertThat(login(warmUp, USER, PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(warmUp.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        // Connection A: two failures for USER (address: 2, USER: 2).
        try (Wire a = new Wire(pop3)) {
            a.line();
            assertThat(timed(a, USER, "wrong1")).isGreaterThanOrEqualTo(DELAY_MILLIS);
            assertThat(timed(a, USER, "wrong2")).isGreaterThanOrEqualTo(2 * DELAY_MILLIS);
            assertThat(a.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        // Connection B, another user never seen before: only the address's count can explain an escalated delay.
        try (Wire b = new Wire(pop3)) {
            b.line();
            assertThat(timed(b, OTHER_USER, "wrong")).as("third failure from 127.0.0.1, first for %s", OTHER_USER)
                .isGreaterThanOrEqualTo(4 * DELAY_MILLIS);
            assertThat(b.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        // Connection C: the right password for the user under attack is not held (a failure would now wait 8x).
        try (Wire c = new Wire(pop3)) {
            c.line();
            assertThat(c.ask("USER " + USER)).isEqualTo("+OK");
            long start = System.nanoTime();
            assertThat(c.ask("PASS " + PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(millisSince(start)).as("a successful login is not damped").isLessThan(8 * DELAY_MILLIS);
            assertThat(c.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        // Connection D: the success cleared the address's count but not USER's: only USER's count explains this.
        try (Wire d = new Wire(pop3)) {
            d.line();
            assertThat(timed(d, USER, "wrong3")).as("third failure for %s, first from 127.0.0.1 since a success", USER)
                .isGreaterThanOrEqualTo(4 * DELAY_MILLIS);
            assertThat(d.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    /** USER then PASS; the reply to PASS. */
    private static String login(Wire wire, String user, String password) throws Exception {
        assertThat(wire.ask("USER " + user)).isEqualTo("+OK");
        return wire.ask("PASS " + password);
    }

    /** A failed USER/PASS; how long the PASS reply took, in ms. */
    private static long timed(Wire wire, String user, String password) throws Exception {
        assertThat(wire.ask("USER " + user)).isEqualTo("+OK");
        long start = System.nanoTime();
        assertThat(wire.ask("PASS " + password)).isEqualTo(AUTH_FAILED);
        return millisSince(start);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
