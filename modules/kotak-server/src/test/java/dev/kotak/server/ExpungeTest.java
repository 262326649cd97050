package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.ImapSession;
import dev.kotak.server.testing.MailboxRows;
import dev.kotak.server.testing.NumberedFlags;
import dev.kotak.server.testing.TestServer;

/**
 * Expunging messages on each supported database (our message mapper deletes them one by one by primary key,
 * see {@code KotakMessageMapper}): IMAP {@code EXPUNGE} of scattered UIDs and of a contiguous range, then
 * POP3 {@code DELE} + {@code QUIT}. Checked over the wire (the EXPUNGE responses, the UIDs and flags left) and in
 * the database (no user-flag or property row left behind by a removed message).
 */
class ExpungeTest {
    private static final String USER = "carol@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final int MESSAGES = 30;
    /** Message numbers (1-based, in APPEND order) expunged over IMAP: scattered ones and a contiguous run. */
    private static final Set<Integer> EXPUNGED = new TreeSet<>(List.of(2, 5, 9, 13, 17, 18, 19, 20, 21, 22, 29));
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.class)
    void expungeRemovesExactlyTheDeletedMessagesAndTheirRows(Database database) throws Exception {
        try (TestServer server = TestServer.on(database).start()) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);

            Map<Long, Set<String>> all;
            Map<Integer, Long> uidOf = new TreeMap<>();
            try (ImapSession imap = server.mail().imap(USER, PASSWORD)) {
                for (int i = 1; i <= MESSAGES; i++) {
                    imap.append("INBOX", String.join(" ", NumberedFlags.of(i)), message(i));
                }
                imap.ok("SELECT INBOX");
                all = ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"));
                assertThat(all).hasSize(MESSAGES);
                all.forEach((uid, flags) -> uidOf.put(NumberedFlags.numberIn(flags), uid));
                all.forEach((uid, flags) -> assertThat(flags).as("flags of UID %d as appended", uid)
                    .isEqualTo(NumberedFlags.of(NumberedFlags.numberIn(flags))));

                Set<Long> expunged = EXPUNGED.stream().map(uidOf::get).collect(Collectors.toCollection(TreeSet::new));
                try (Connection jdbc = server.jdbc()) {
                    long inbox = MailboxRows.inboxId(jdbc, USER);
                    assertThat(MailboxRows.uids(jdbc, "SELECT MAIL_UID FROM JAMES_MAIL_USERFLAG WHERE MAILBOX_ID = ?", inbox))
                        .as("every message has user-flag rows before the expunge").isEqualTo(all.keySet());
                    assertThat(MailboxRows.uids(jdbc, "SELECT MAIL_UID FROM JAMES_MAIL_PROPERTY WHERE MAILBOX_ID = ?", inbox))
                        .as("every message has property rows before the expunge (else the check below proves nothing)")
                        .isEqualTo(all.keySet());
                }

                imap.ok("UID STORE " + expunged.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + " +FLAGS.SILENT (\\Deleted)");
                List<Long> sequence = new ArrayList<>(all.keySet());
                List<Long> removed = new ArrayList<>();
                for (String response : imap.ok("EXPUNGE")) {
                    Matcher expunge = EXPUNGE.matcher(response);
                    if (expunge.matches()) {
                        // RFC 3501 7.4.1: each EXPUNGE renumbers the messages after it.
                        removed.add(sequence.remove(Integer.parseInt(expunge.group(1)) - 1));
                    }
                }
                assertThat(removed).as("UIDs named by the EXPUNGE responses").hasSize(EXPUNGED.size())
                    .containsExactlyInAnyOrderElementsOf(expunged);

                Map<Long, Set<String>> left = ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"));
                Map<Long, Set<String>> expected = new LinkedHashMap<>(all);
                expected.keySet().removeAll(expunged);
                assertThat(left).as("messages left after EXPUNGE, with their flags").isEqualTo(expected);
            }
            assertNoRowsOutsideOf(server, uidOf.size() - EXPUNGED.size());

            // POP3 numbers the remaining messages in UID order; delete the first, two scattered ones and the last.
            List<Long> beforePop3 = new ArrayList<>(new TreeSet<>(uidOf.values()));
            beforePop3.removeIf(uid -> EXPUNGED.stream().map(uidOf::get).anyMatch(uid::equals));
            List<Integer> dele = List.of(1, 4, 10, beforePop3.size());
            server.mail().pop3Delete(USER, PASSWORD, dele);
            Set<Long> afterPop3 = new TreeSet<>(beforePop3);
            dele.forEach(number -> afterPop3.remove(beforePop3.get(number - 1)));
            try (ImapSession imap = server.mail().imap(USER, PASSWORD)) {
                imap.ok("SELECT INBOX");
                Map<Long, Set<String>> left = ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"));
                assertThat(left.keySet()).as("messages left after POP3 DELE and QUIT").isEqualTo(afterPop3);
                left.forEach((uid, flags) -> assertThat(flags).isEqualTo(all.get(uid)));
            }
            assertNoRowsOutsideOf(server, afterPop3.size());
        }
    }

    /** The INBOX holds {@code count} messages, and no user-flag or property row belongs to a message gone. */
    private static void assertNoRowsOutsideOf(TestServer server, int count) throws SQLException {
        try (Connection jdbc = server.jdbc()) {
            long inbox = MailboxRows.inboxId(jdbc, USER);
            Set<Long> messages = MailboxRows.uids(jdbc, "SELECT MAIL_UID FROM JAMES_MAIL WHERE MAILBOX_ID = ?", inbox);
            assertThat(messages).hasSize(count);
            assertThat(MailboxRows.uids(jdbc, "SELECT MAIL_UID FROM JAMES_MAIL_USERFLAG WHERE MAILBOX_ID = ?", inbox))
                .as("messages with user-flag rows").isEqualTo(messages);
            assertThat(MailboxRows.uids(jdbc, "SELECT MAIL_UID FROM JAMES_MAIL_PROPERTY WHERE MAILBOX_ID = ?", inbox))
                .as("messages with property rows").isEqualTo(messages);
            for (String table : List.of("JAMES_MAIL_USERFLAG", "JAMES_MAIL_PROPERTY")) {
                try (PreparedStatement orphans = jdbc.prepareStatement("SELECT COUNT(*) FROM " + table + " r WHERE NOT EXISTS"
                        + " (SELECT 1 FROM JAMES_MAIL m WHERE m.MAILBOX_ID = r.MAILBOX_ID AND m.MAIL_UID = r.MAIL_UID)");
                     ResultSet result = orphans.executeQuery()) {
                    result.next();
                    assertThat(result.getLong(1)).as("%s rows of no message", table).isZero();
                }
            }
        }
    }

    private static String message(int i) {
        return "From: dave@example.net\r\nTo: " + USER + "\r\nSubject: message " + i + "\r\n"
            + "Message-ID: <expunge-" + i + "@tests.kotak.dev>\r\n"
            + "Content-Type: text/plain; charset=utf-8; format=flowed\r\n\r\n"
            + IntStream.rangeClosed(1, 3).mapToObj(line -> "line " + line + " of message " + i)
                .collect(Collectors.joining("\r\n")) + "\r\n";
    }
}
