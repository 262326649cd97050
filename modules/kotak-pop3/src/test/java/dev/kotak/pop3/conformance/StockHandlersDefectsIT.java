package dev.kotak.pop3.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.kotak.pop3.stock.StockJames;
import dev.kotak.pop3.stock.StockJames.Tls;

/**
 * Why kotak-pop3 exists: each defect of stock James 3.8.1's POP3 handlers (see
 * {@code james-3.8.1-pop3-behaviour.md}), reproduced on a stock {@code james-server-memory-app} with NO Kotak jar.
 * These tests assert the DEFECT: they document what {@link Pop3ConformanceSuite} checks is fixed, and they fail
 * the day stock James changes (then the fix may no longer be needed, or its tests must change).
 */
class StockHandlersDefectsIT {
    private static final String PASSWORD = "stock-secret";
    private static StockJames james;
    private static WebAdminSmtpMailboxes mailboxes;

    @BeforeAll
    static void start() throws Exception {
        james = StockJames.named("stock-handlers")
            .pop3("pop3-stls", Tls.STARTTLS, null)
            .pop3("pop3-notls", Tls.NONE, null)
            .start();
        mailboxes = new WebAdminSmtpMailboxes("127.0.0.1", james.smtpPort(), james.webAdminPort());
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    private static String user(int messages) {
        String user = "s-" + UUID.randomUUID().toString().substring(0, 8) + "@stock.kotak.test";
        mailboxes.createUser(user, PASSWORD);
        for (int i = 1; i <= messages; i++) {
            mailboxes.deliver(user, Pop3ConformanceSuite.message("message " + i, "Body " + i + "."));
        }
        return user;
    }

    private static Pop3Connection connect(String listener) {
        Pop3Connection pop3 = Pop3Connection.open("127.0.0.1", james.pop3Port(listener));
        pop3.expectStartingWith("+OK");
        return pop3;
    }

    private static Pop3Connection login(String user) {
        return connect("pop3-stls").exchange("USER " + user, "+OK")
            .exchange("PASS " + PASSWORD, "+OK Welcome " + user);
    }

    /** Defect 1: a stray PASS after login logs the session out and silently drops the pending DELEs. */
    @Test
    void strayPassInTransactionDropsPendingDeles() {
        String user = user(2);
        try (Pop3Connection pop3 = login(user)) {
            pop3.exchange("DELE 1", "+OK Message deleted");
            pop3.exchange("PASS " + PASSWORD, "-ERR Authentication failed.");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(mailboxes.inboxCount(user)).as("the DELE before the stray PASS was lost").isEqualTo(2);
    }

    /** Defect 2: UIDL is the bare IMAP UID, so it repeats after INBOX is deleted and re-created. */
    @Test
    void uidlRepeatsAfterInboxRecreation() {
        String user = user(1);
        List<String> before;
        try (Pop3Connection pop3 = login(user)) {
            before = pop3.multiLine("UIDL");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        mailboxes.recreateInbox(user);
        mailboxes.deliver(user, Pop3ConformanceSuite.message("another message", "Different body."));
        try (Pop3Connection pop3 = login(user)) {
            assertThat(pop3.multiLine("UIDL")).as("UIDL of a different message").isEqualTo(before)
                .containsExactly("1 1");
        }
    }

    /** Defect 3a: STLS where TLS is unavailable poisons the connection. */
    @Test
    void stlsWithoutTlsPoisonsTheConnection() {
        try (Pop3Connection pop3 = connect("pop3-notls")) {
            pop3.exchange("STLS", "-ERR");
            pop3.exchange("CAPA", "-ERR");
            pop3.expectClosed();
        }
    }

    /** Defect 3b: after a successful STLS, CAPA still lists STLS (RFC 2595 forbids it). */
    @Test
    void capaStillListsStlsAfterTls() {
        try (Pop3Connection pop3 = connect("pop3-stls")) {
            pop3.stls("+OK Begin TLS negotiation");
            assertThat(pop3.send("CAPA").expectMultiLine("+OK Capability list follows")).contains("STLS")
                .doesNotContain("RESP-CODES", "AUTH-RESP-CODE", "TOP", "UIDL");
        }
    }

    /** Defect 4: the greeting advertises APOP with a timestamp, and APOP then fails with a bare -ERR. */
    @Test
    void greetingHasApopTimestampButApopFails() {
        try (Pop3Connection pop3 = Pop3Connection.open("127.0.0.1", james.pop3Port("pop3-stls"))) {
            pop3.expectMatching("\\+OK <[^<>@]+@pop3-stls\\.kotak\\.test> POP3 server .*");
            pop3.exchange("APOP someone 0123456789abcdef0123456789abcdef", "-ERR");
        }
    }

    /** Defect 5: message number 0 throws inside James: a bare -ERR and an ERROR stack trace per command. */
    @Test
    void messageNumberZeroThrows() {
        String user = user(1);
        int errorsBefore = james.errorLines().size();
        try (Pop3Connection pop3 = login(user)) {
            pop3.exchange("RETR 0", "-ERR");
            pop3.send("NOOP").expectStartingWith("+OK");
        }
        assertThat(james.errorLines().subList(errorsBefore, james.errorLines().size()))
            .as("what RETR 0 logged").anyMatch(line -> line.contains("IndexOutOfBoundsException"));
    }

    /** Defect 6 and gap 9: no damping of failed logins or bad commands; lenient TOP. */
    @Test
    void noDampingAndLenientArguments() {
        String user = user(1);
        try (Pop3Connection pop3 = connect("pop3-stls")) {
            long start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                pop3.exchange("USER " + user, "+OK").exchange("PASS wrong", "-ERR Authentication failed.");
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms for 6 failed logins").isLessThan(2_000);
            for (int i = 0; i < 10; i++) {
                pop3.exchange("XYZZY", "-ERR");
            }
            pop3.exchange("USER " + user, "+OK").exchange("PASS " + PASSWORD, "+OK Welcome " + user);
            List<String> top = pop3.send("TOP 1 -1").expectMultiLine("+OK Message follows");
            assertThat(top).as("TOP 1 -1 returns the whole message").contains("Body 1.");
            pop3.send("RETR 1 2").expectStartingWith("+OK");
            pop3.readBody();
        }
    }
}
