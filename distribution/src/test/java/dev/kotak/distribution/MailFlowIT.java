package dev.kotak.distribution;

import static dev.kotak.distribution.Clients.IMAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mail in over SMTP (swaks, port 25), out over POP3 with STLS and with implicit TLS (curl), found by IMAP
 * SEARCH after STARTTLS (curl), counted by the quota (WebAdmin); and all of it still there after a graceful
 * restart. One server for the class; every test has its own user.
 */
class MailFlowIT {
    private static final String PASSWORD = "flow-secret-1";
    private static final String SEARCH_WORD = "kotakflow";

    @RegisterExtension
    static final Distribution DIST = Distribution.create();

    @BeforeAll
    static void start() {
        Clients.require("swaks", "curl");
        DIST.start();
    }

    @Test
    void mailSentWithSwaksIsReadOverPop3AndImapAndCountedByTheQuota() {
        String user = "alice@flow.kotak.test";
        DIST.webAdmin().addDomainAndUser(user, PASSWORD);
        List<String> subjects = List.of(SEARCH_WORD + " first", SEARCH_WORD + " second", SEARCH_WORD + " third");
        for (String subject : subjects) {
            Clients.swaks(DIST, "sender@elsewhere.example", user, subject, "Body of " + subject);
        }

        awaitDelivered(user, 3);
        assertMailbox(user, subjects);
    }

    @Test
    void usersMessagesSearchAndQuotaSurviveAGracefulRestart() {
        String user = "bob@restart.kotak.test";
        DIST.webAdmin().addDomainAndUser(user, PASSWORD);
        List<String> subjects = List.of(SEARCH_WORD + " one", SEARCH_WORD + " two", SEARCH_WORD + " three");
        for (String subject : subjects) {
            Clients.swaks(DIST, "sender@elsewhere.example", user, subject, "Body of " + subject);
        }
        awaitDelivered(user, 3);
        assertMailbox(user, subjects);

        DIST.stop();
        assertThat(DIST.isRunning()).as("status after stop").isFalse();
        DIST.start();

        assertThat(DIST.webAdmin().users()).as("users after the restart").contains(user);
        assertMailbox(user, subjects);
        assertThat(DIST.countLogLines("The previous run did not stop gracefully"))
                .as("a graceful stop must not be taken for a crash").isZero();
    }

    @Test
    void imapRefusesAPlainTextLoginBeforeStartTls() throws Exception {
        String user = "carol@plain.kotak.test";
        DIST.webAdmin().addDomainAndUser(user, PASSWORD);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", DIST.port(IMAP)), 10_000);
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            String greeting = in.readLine();
            assertThat(greeting).as("IMAP greeting").startsWith("* OK");
            out.write("a1 LOGIN " + user + " " + PASSWORD + "\r\n");
            out.flush();
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.startsWith("a1 "));
            assertThat(line).as("answer to LOGIN before STARTTLS").isNotNull().matches("a1 (NO|BAD)( .*)?");
        }
    }

    /** Delivery is asynchronous (spool, then mailet container): wait for the messages to be in the maildrop. */
    private static void awaitDelivered(String user, int count) {
        await("delivery of " + count + " messages to " + user).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(Clients.pop3List(DIST, false, user, PASSWORD)).hasSize(count));
    }

    private static void assertMailbox(String user, List<String> subjects) {
        List<Integer> all = new java.util.ArrayList<>();
        for (int i = 1; i <= subjects.size(); i++) {
            all.add(i);
        }
        assertThat(Clients.pop3Subjects(DIST, false, user, PASSWORD)).as("subjects over POP3 + STLS (110)")
                .containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(Clients.pop3Subjects(DIST, true, user, PASSWORD)).as("subjects over POP3S (995)")
                .containsExactlyInAnyOrderElementsOf(subjects);
        // Indexing and quota accounting follow delivery asynchronously (mailbox listeners).
        await("IMAP SEARCH and quota of " + user).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(Clients.curlImapSearchSubject(DIST, user, PASSWORD, SEARCH_WORD))
                            .as("IMAP SEARCH SUBJECT %s after STARTTLS (143)", SEARCH_WORD)
                            .containsExactlyElementsOf(all);
                    assertThat(DIST.webAdmin().quotaCount(user)).as("quota occupation.count of %s", user)
                            .isEqualTo(subjects.size());
                });
    }
}
