package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.ImapSession;
import dev.kotak.server.testing.MailboxProbe;
import dev.kotak.server.testing.MailboxRows;
import dev.kotak.server.testing.NumberedFlags;
import dev.kotak.server.testing.TestServer;

/**
 * Flag updates on each supported database (our message mapper writes them as rows, see {@code FlagsRowsUpdate}):
 * IMAP {@code STORE} adding, removing and replacing system flags and keywords over scattered UIDs, a contiguous
 * range and the whole mailbox, a {@code STORE} that changes nothing and one with {@code UNCHANGEDSINCE}
 * (RFC 7162). After each, against a model: the {@code FETCH} answers of a non-silent {@code STORE}, the flags and
 * mod-sequences the storing session reads back, what a second session is told on {@code NOOP}, and the
 * user-flag rows in the database (one per keyword, none duplicated).
 */
class FlagsStoreTest {
    private static final String USER = "erin@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final int MESSAGES = 40;
    private static final Pattern UID = Pattern.compile("UID (\\d+)");
    private static final Pattern MODSEQ = Pattern.compile("MODSEQ \\((\\d+)\\)");
    private static final Pattern UNSOLICITED = Pattern.compile("^\\* (\\d+) FETCH \\(.*FLAGS \\(([^)]*)\\).*\\)$");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.class)
    void storeWritesExactlyTheFlagsAskedFor(Database database) throws Exception {
        try (TestServer server = TestServer.on(database).start()) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);
            try (ImapSession imap = server.mail().imap(USER, PASSWORD);
                 ImapSession observer = server.mail().imap(USER, PASSWORD)) {
                for (int i = 1; i <= MESSAGES; i++) {
                    imap.append("INBOX", String.join(" ", NumberedFlags.of(i)), "Subject: message " + i + "\r\n\r\nbody\r\n");
                }
                imap.ok("ENABLE CONDSTORE");
                imap.ok("SELECT INBOX");
                observer.ok("SELECT INBOX");
                Map<Long, Set<String>> model = ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"));
                assertThat(model).hasSize(MESSAGES);
                List<Long> uids = new ArrayList<>(model.keySet());
                Map<Long, Long> modSeqs = modSeqs(imap);

                List<Long> scattered = List.of(uids.get(0), uids.get(6), uids.get(7), uids.get(19), uids.get(39));
                Step.add(List.of("\\Seen", "$Retrieved")).store(imap, observer, server, "UID STORE "
                    + join(scattered) + " +FLAGS (\\Seen $Retrieved)", scattered, model, modSeqs, uids);
                List<Long> range = uids.subList(10, 30);
                Step.remove(List.of("$Common", "\\Flagged")).store(imap, observer, server, "UID STORE "
                    + range.get(0) + ":" + range.get(range.size() - 1) + " -FLAGS.SILENT ($Common \\Flagged)", range,
                    model, modSeqs, uids);
                List<Long> replaced = List.of(uids.get(2), uids.get(12), uids.get(13));
                Step.replace(List.of("\\Answered", "$Only")).store(imap, observer, server, "UID STORE "
                    + join(replaced) + " FLAGS (\\Answered $Only)", replaced, model, modSeqs, uids);
                Step.add(List.of("\\Draft", "$All")).store(imap, observer, server, "STORE 1:* +FLAGS.SILENT (\\Draft $All)",
                    uids, model, modSeqs, uids);
                Step.add(List.of("$All")).store(imap, observer, server, "UID STORE " + join(scattered) + " +FLAGS ($All)",
                    scattered, model, modSeqs, uids);
                // RFC 7162 3.1.3: the server first reads the messages' mod-sequences, in the same request as the
                // update; the FETCH answers must still show the new flags.
                long highest = modSeqs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
                List<Long> conditional = uids.subList(3, 9);
                Step.add(List.of("$Cond")).store(imap, observer, server, "UID STORE " + join(conditional)
                    + " (UNCHANGEDSINCE " + highest + ") +FLAGS ($Cond)", conditional, model, modSeqs, uids);
            }
        }
    }

    /**
     * A STORE that fails after the system flags were updated (here a keyword the database refuses, inserted after
     * the {@code UPDATE}) is one transaction: the client gets {@code NO} and no message changed, neither its
     * {@code \Seen} nor its keywords.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.class)
    void aStoreThatFailsHalfWayChangesNothing(Database database) throws Exception {
        try (TestServer server = TestServer.on(database).start()) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);
            try (ImapSession imap = server.mail().imap(USER, PASSWORD)) {
                for (int i = 1; i <= 6; i++) {
                    imap.append("INBOX", String.join(" ", NumberedFlags.of(i)),
                        "Subject: message " + i + "\r\n\r\nbody\r\n");
                }
                imap.ok("SELECT INBOX");
                Map<Long, Set<String>> before = ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"));
                try (Connection jdbc = server.jdbc(); Statement statement = jdbc.createStatement()) {
                    statement.execute("ALTER TABLE JAMES_MAIL_USERFLAG ADD CONSTRAINT KOTAK_TEST_NO_POISON"
                        + " CHECK (USERFLAG_NAME <> '$Poison')");
                }

                assertThat(imap.refused("STORE 1:* +FLAGS.SILENT (\\Seen $Poison)")).startsWith("NO");

                assertThat(ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"))).as("flags after the failed STORE")
                    .isEqualTo(before);
                assertThat(userFlagRows(server)).as("user-flag rows after the failed STORE").isEqualTo(keywords(before));
            }
        }
    }

    /**
     * Within one request the entity manager may already hold the messages (IMAP reads them before a conditional
     * STORE); a read after the update must not answer from those stale instances.
     */
    @Test
    void aReadInTheSameRequestSeesTheNewFlags() throws Exception {
        try (TestServer server = TestServer.on(Database.DERBY).start(MailboxProbe.MODULE)) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);
            try (ImapSession imap = server.mail().imap(USER, PASSWORD)) {
                for (int i = 1; i <= 3; i++) {
                    imap.append("INBOX", "$Kw" + i, "Subject: message " + i + "\r\n\r\nbody\r\n");
                }
            }
            MailboxManager mailboxManager = server.server().getProbe(MailboxProbe.class).mailboxManager();
            MailboxSession session = mailboxManager.createSystemSession(Username.of(USER));
            mailboxManager.startProcessingRequest(session);
            try {
                MessageManager inbox = mailboxManager.getMailbox(MailboxPath.inbox(session), session);
                assertThat(userFlags(inbox, session)).containsExactly("$Kw1", "$Kw2", "$Kw3");
                inbox.setFlags(new Flags("$New"), MessageManager.FlagsUpdateMode.ADD, MessageRange.all(), session);
                assertThat(userFlags(inbox, session)).containsExactly("$Kw1 $New", "$Kw2 $New", "$Kw3 $New");
            } finally {
                mailboxManager.endProcessingRequest(session);
            }
        }
    }

    private static List<String> userFlags(MessageManager inbox, MailboxSession session) throws Exception {
        List<String> flags = new ArrayList<>();
        inbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session).forEachRemaining(result ->
            flags.add(new TreeSet<>(List.of(result.getFlags().getUserFlags())).stream().collect(Collectors.joining(" "))));
        return flags;
    }

    /** One STORE and how it changes the flags of the messages it names. */
    private static final class Step {
        private final BiFunction<Set<String>, Collection<String>, Set<String>> change;
        private final List<String> flags;

        private Step(List<String> flags, BiFunction<Set<String>, Collection<String>, Set<String>> change) {
            this.flags = flags;
            this.change = change;
        }

        static Step add(List<String> flags) {
            return new Step(flags, (before, these) -> union(before, these));
        }

        static Step remove(List<String> flags) {
            return new Step(flags, (before, these) -> {
                Set<String> after = new TreeSet<>(before);
                after.removeAll(these);
                return after;
            });
        }

        static Step replace(List<String> flags) {
            return new Step(flags, (before, these) -> new TreeSet<>(these));
        }

        void store(ImapSession imap, ImapSession observer, TestServer server, String command, List<Long> targets,
                   Map<Long, Set<String>> model, Map<Long, Long> modSeqs, List<Long> sequence) throws SQLException {
            Set<Long> changed = new TreeSet<>();
            for (Long uid : targets) {
                Set<String> after = change.apply(model.get(uid), flags);
                if (!after.equals(model.get(uid))) {
                    changed.add(uid);
                }
                model.put(uid, after);
            }
            List<String> answers = imap.ok(command);
            if (!command.contains(".SILENT")) {
                Map<Long, Set<String>> answered = ImapSession.flagsByUid(answers);
                answered.forEach((uid, set) -> assertThat(set).as("%s: FETCH answer for UID %d", command, uid)
                    .isEqualTo(model.get(uid)));
                assertThat(answered.keySet()).as("%s: messages answered", command).containsAll(changed);
            }
            assertThat(ImapSession.flagsByUid(imap.ok("UID FETCH 1:* (FLAGS)"))).as("%s: flags read back", command)
                .isEqualTo(model);

            Map<Long, Long> now = modSeqs(imap);
            long previousHighest = modSeqs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            // James takes one mod-sequence per UID range of the command (RFC 7162 only asks for a higher one).
            changed.forEach(uid -> assertThat(now.get(uid)).as("%s: mod-sequence of changed UID %d", command, uid)
                .isGreaterThan(previousHighest));
            modSeqs.forEach((uid, before) -> {
                if (!changed.contains(uid)) {
                    assertThat(now.get(uid)).as("%s: mod-sequence of unchanged UID %d", command, uid).isEqualTo(before);
                }
            });
            modSeqs.putAll(now);

            Map<Long, Set<String>> told = new TreeMap<>();
            for (String line : observer.ok("NOOP")) {
                Matcher fetch = UNSOLICITED.matcher(line);
                if (fetch.matches()) {
                    Set<String> set = new TreeSet<>(List.of(fetch.group(2).split(" ")));
                    set.remove("\\Recent");
                    set.remove("");
                    told.put(sequence.get(Integer.parseInt(fetch.group(1)) - 1), set);
                }
            }
            assertThat(told.keySet()).as("%s: messages the other session is told about", command).isEqualTo(changed);
            told.forEach((uid, set) -> assertThat(set).as("%s: told flags of UID %d", command, uid)
                .isEqualTo(model.get(uid)));

            assertThat(userFlagRows(server)).as("%s: user-flag rows", command).isEqualTo(keywords(model));
        }
    }

    /** UID -> its keywords, one list entry per JAMES_MAIL_USERFLAG row (a duplicated row shows twice). */
    private static Map<Long, List<String>> userFlagRows(TestServer server) throws SQLException {
        Map<Long, List<String>> rows = new TreeMap<>();
        try (Connection jdbc = server.jdbc();
             PreparedStatement query = jdbc.prepareStatement("SELECT MAIL_UID, USERFLAG_NAME FROM JAMES_MAIL_USERFLAG"
                 + " WHERE MAILBOX_ID = ? ORDER BY MAIL_UID, USERFLAG_NAME")) {
            query.setLong(1, MailboxRows.inboxId(jdbc, USER));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.computeIfAbsent(result.getLong(1), ignored -> new ArrayList<>()).add(result.getString(2));
                }
            }
        }
        return rows;
    }

    private static Map<Long, List<String>> keywords(Map<Long, Set<String>> model) {
        Map<Long, List<String>> keywords = new TreeMap<>();
        model.forEach((uid, flags) -> {
            List<String> names = flags.stream().filter(flag -> !flag.startsWith("\\")).sorted()
                .collect(Collectors.toList());
            if (!names.isEmpty()) {
                keywords.put(uid, names);
            }
        });
        return keywords;
    }

    private static Map<Long, Long> modSeqs(ImapSession imap) {
        Map<Long, Long> modSeqs = new HashMap<>();
        for (String line : imap.ok("UID FETCH 1:* (MODSEQ)")) {
            Matcher uid = UID.matcher(line);
            Matcher modSeq = MODSEQ.matcher(line);
            if (line.startsWith("* ") && uid.find() && modSeq.find()) {
                modSeqs.put(Long.parseLong(uid.group(1)), Long.parseLong(modSeq.group(1)));
            }
        }
        assertThat(modSeqs).hasSize(MESSAGES);
        return modSeqs;
    }

    private static Set<String> union(Set<String> before, Collection<String> these) {
        Set<String> after = new TreeSet<>(before);
        after.addAll(these);
        return after;
    }

    private static String join(List<Long> uids) {
        return uids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
