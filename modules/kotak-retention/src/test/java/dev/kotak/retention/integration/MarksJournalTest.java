package dev.kotak.retention.integration;

import static dev.kotak.retention.integration.RetentionServer.PASSWORD;
import static dev.kotak.retention.integration.RetentionServer.days;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kotak.pop3.conformance.Pop3Connection;
import dev.kotak.retention.pop3.MarksApplier;
import dev.kotak.retention.state.MarksJournal;
import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.ImapSession;

/**
 * QUIT journals its marks in one INBOX annotation and answers; here nothing settles them afterwards
 * ({@link HeldMarksApplier}), as if the server died right after {@code +OK}. Every reader of retention state must
 * then add them first: the next POP3 login, the sweeper, a restore; and marks that find no room in the journal
 * are written before QUIT answers.
 */
class MarksJournalTest {
    private static final String RETENTION_XML = String.join("\n",
        "<retention>",
        "  <sweeper enabled=\"false\"/>",
        "  <policies>",
        "    <policy name=\"read-and-hide\"><onRetrieve action=\"seen\"/><onDelete action=\"hide\"/></policy>",
        "    <policy name=\"read-1d\"><expire retrieved=\"1d\" unretrieved=\"60d\"/></policy>",
        "  </policies>",
        "  <assignments default=\"read-and-hide\">",
        "    <user name=\"sweep@example.org\" policy=\"read-1d\"/>",
        "  </assignments>",
        "</retention>");
    private static final String JOURNAL = "/private/vendor/kotak/marks";

    private static RetentionServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RetentionServer.start(Database.DERBY, RETENTION_XML,
            binder -> binder.bind(MarksApplier.class).to(HeldMarksApplier.class),
            binder -> binder.bind(MarksJournal.class).to(UnreadableJournal.class));
    }

    @BeforeEach
    void now() {
        server.clock().reset();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theNextLoginAfterARestartAddsTheMarksOfAnAnsweredQuit() throws Exception {
        String user = "restart@example.org";
        server.createUser(user);
        server.deliver(user, "restart", 3);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("DELE 2").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(HeldMarksApplier.HELD).contains(Username.of(user));
        assertThat(flags(user).values()).as("nothing settled the journal").allMatch(Set::isEmpty);
        assertThat(journal(user)).hasSize(1);

        server.restart();

        List<String> listed = server.uidls(user);
        assertThat(listed).as("message 2 was hidden by the DELE").hasSize(2);
        List<Set<String>> marks = List.copyOf(flags(user).values());
        assertThat(marks.get(0)).contains("\\Seen");
        assertThat(marks.get(1)).anyMatch(keyword -> keyword.startsWith("$KotakHidden."));
        assertThat(marks.get(2)).isEmpty();
        assertThat(journal(user)).isEmpty();
    }

    @Test
    void aSweepJudgesWithTheJournaledRetrievals() throws Exception {
        String user = "sweep@example.org";
        server.createUser(user);
        server.deliver(user, "sweep", 2);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(journal(user)).hasSize(1);
        server.clock().advance(days(2));

        server.sweep("user=" + RetentionServer.encode(user));

        // Retrieved two days ago, under expire retrieved=1d: gone; the other one is far from its 60 days.
        assertThat(server.inboxCount(user)).isEqualTo(1);
        assertThat(journal(user)).isEmpty();
    }

    @Test
    void aRestoreUndoesAJournaledHide() {
        String user = "restore@example.org";
        server.createUser(user);
        server.deliver(user, "restore", 2);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }

        assertThat(server.send("POST", "/kotak/retention/users/" + user + "/restore", "").body())
            .contains("\"restored\":1");

        assertThat(server.uidls(user)).hasSize(2);
    }

    @Test
    void marksThatFindNoRoomInTheJournalAreWrittenBeforeQuitAnswers() {
        String user = "full@example.org";
        server.createUser(user);
        server.deliver(user, "full", 2);
        // James keeps at most 10 annotations per mailbox: this user's own IMAP METADATA fills INBOX.
        try (ImapSession imap = server.server().mail().imap(user, PASSWORD)) {
            for (int i = 0; i < 10; i++) {
                imap.ok("SETMETADATA INBOX (/private/note" + i + " \"mine " + i + "\")");
            }
        }
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(List.copyOf(flags(user).values()).get(0)).contains("\\Seen");
        try (ImapSession imap = server.server().mail().imap(user, PASSWORD)) {
            assertThat(String.join("\n", imap.ok("GETMETADATA INBOX /private/note9"))).contains("mine 9");
        }
    }

    @Test
    void anEntryKotakDidNotWriteIsDroppedAndTheLoginGoesOn() {
        String user = "garbage@example.org";
        server.createUser(user);
        server.deliver(user, "garbage", 1);
        try (ImapSession imap = server.server().mail().imap(user, PASSWORD)) {
            imap.ok("SETMETADATA INBOX (" + JOURNAL + "/typed \"not marks\")");
        }
        assertThat(journal(user)).hasSize(1);

        assertThat(server.uidls(user)).hasSize(1);

        assertThat(journal(user)).isEmpty();
        assertThat(List.copyOf(flags(user).values()).get(0)).isEmpty();
    }

    @Test
    void aJournalThatCannotBeReadRefusesTheLoginInsteadOfListingWithoutItsMarks() {
        String user = UnreadableJournal.USER;
        server.createUser(user);
        server.deliver(user, "unreadable", 1);
        try (Pop3Connection pop3 = Pop3Connection.openTls("127.0.0.1", server.server().home().port(995))) {
            pop3.expectStartingWith("+OK");
            pop3.send("USER " + user).expectStartingWith("+OK");
            pop3.send("PASS " + PASSWORD).expectStartingWith("-ERR [SYS/TEMP]");
            // Still in AUTHORIZATION: the client may try again later.
            pop3.send("STAT").expectStartingWith("-ERR");
        }
    }

    /** The keywords and flags of each INBOX message by UID, as IMAP shows them (\Recent left out). */
    private static Map<Long, Set<String>> flags(String user) {
        try (ImapSession imap = server.server().mail().imap(user, PASSWORD)) {
            imap.ok("EXAMINE INBOX");
            return ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"));
        }
    }

    /** The keys of the journal entries on the user's INBOX. */
    private static List<String> journal(String user) {
        try (ImapSession imap = server.server().mail().imap(user, PASSWORD)) {
            return imap.ok("GETMETADATA INBOX (DEPTH 1) " + JOURNAL).stream()
                .flatMap(line -> Arrays.stream(line.split("[\\s(\"]")))
                .filter(token -> token.toLowerCase(Locale.ROOT).startsWith(JOURNAL + "/"))
                .collect(Collectors.toList());
        }
    }
}
