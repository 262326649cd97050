package dev.kotak.distribution;

import static dev.kotak.distribution.Clients.SMTP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crash safety: mail the server has accepted (250 after DATA) survives a kill -9 that lands while it is still
 * being delivered, and after the restart the search index and the quota agree with what the mailbox holds.
 * Duplicates are allowed (at-least-once), loss is not.
 */
class KillNineIT {
    private static final String USER = "frank@crash.kotak.test";
    private static final String PASSWORD = "crash-secret-1";
    private static final String SEARCH_WORD = "kotakbacklog";
    private static final int BACKLOG = 60;
    private static final String RECOVERY_LOG = "The previous run did not stop gracefully";

    @RegisterExtension
    static final Distribution DIST = Distribution.create();

    @Test
    void acceptedMailSurvivesKillNineAndIndexAndQuotaAreConsistentAfterRecovery() throws Exception {
        DIST.start();
        DIST.webAdmin().addDomainAndUser(USER, PASSWORD);
        List<String> subjects = IntStream.rangeClosed(1, BACKLOG)
                .mapToObj(i -> String.format("%s %03d", SEARCH_WORD, i)).collect(Collectors.toList());

        sendBacklogOnOneConnection(subjects);
        DIST.killHard(); // right after the last 250: most of the backlog is still in the spool
        assertThat(DIST.countLogLines(RECOVERY_LOG)).as("no recovery before the crash").isZero();

        DIST.start();
        assertThat(DIST.countLogLines(RECOVERY_LOG)).as("logs/james.log mentions the crash recovery at the "
                + "start after kill -9 ('%s')", RECOVERY_LOG).isEqualTo(1);
        int afterRecovery = awaitEveryMessageConsistently(subjects);

        DIST.stop();
        DIST.start();
        assertThat(DIST.countLogLines(RECOVERY_LOG)).as("a graceful stop must not trigger another recovery")
                .isEqualTo(1);
        int afterRestart = awaitEveryMessageConsistently(subjects);
        assertThat(afterRestart).as("messages in INBOX after the graceful restart").isGreaterThanOrEqualTo(
                afterRecovery);
    }

    /** One SMTP connection, one transaction per message, each DATA answered 250 before the next starts. */
    private static void sendBacklogOnOneConnection(List<String> subjects) throws Exception {
        SMTPClient smtp = new SMTPClient("UTF-8");
        smtp.setDefaultTimeout(60_000);
        smtp.connect("127.0.0.1", DIST.port(SMTP));
        try {
            smtp.setSoTimeout(60_000);
            assertThat(SMTPReply.isPositiveCompletion(smtp.getReplyCode())).as("greeting: %s", smtp.getReplyString())
                    .isTrue();
            assertThat(smtp.helo("crash.e2e.kotak.test")).as("HELO: %s", smtp.getReplyString()).isEqualTo(250);
            for (String subject : subjects) {
                assertThat(smtp.setSender("sender@elsewhere.example")).as("MAIL FROM: %s", smtp.getReplyString())
                        .isTrue();
                assertThat(smtp.addRecipient(USER)).as("RCPT TO: %s", smtp.getReplyString()).isTrue();
                String message = "From: sender@elsewhere.example\r\n"
                        + "To: " + USER + "\r\n"
                        + "Subject: " + subject + "\r\n"
                        + "Message-ID: <" + subject.replace(' ', '-') + "@e2e.kotak.test>\r\n"
                        + "\r\n"
                        + "Backlog message " + subject + "\r\n";
                smtp.sendShortMessageData(message);
                assertThat(smtp.getReplyCode()).as("reply to DATA of '%s': %s", subject, smtp.getReplyString())
                        .isEqualTo(250);
            }
        } finally {
            // No QUIT: the server is killed right after the last 250; the socket just goes away.
            smtp.disconnect();
        }
    }

    /**
     * Waits until INBOX holds every subject (duplicates allowed), the quota counts exactly the messages INBOX
     * holds, and the server's SEARCH finds every one of them. Returns the message count.
     */
    private static int awaitEveryMessageConsistently(List<String> subjects) {
        AtomicReference<Integer> count = new AtomicReference<>();
        await("every accepted message delivered, counted and indexed").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Clients.Inbox inbox = Clients.imapInbox(DIST, USER, PASSWORD, SEARCH_WORD);
                    List<String> missing = new ArrayList<>(subjects);
                    missing.removeAll(inbox.subjects);
                    assertThat(missing).as("subjects accepted with 250 but not in INBOX (%s messages)",
                            inbox.messageCount).isEmpty();
                    assertThat(DIST.webAdmin().quotaCount(USER))
                            .as("quota occupation.count vs the %s messages in INBOX", inbox.messageCount)
                            .isEqualTo(inbox.messageCount);
                    assertThat(inbox.searchHits).as("IMAP SEARCH SUBJECT %s over the %s messages in INBOX",
                                    SEARCH_WORD, inbox.messageCount)
                            .containsExactlyElementsOf(IntStream.rangeClosed(1, inbox.messageCount).boxed()
                                    .collect(Collectors.toList()));
                    count.set(inbox.messageCount);
                });
        return count.get();
    }
}
