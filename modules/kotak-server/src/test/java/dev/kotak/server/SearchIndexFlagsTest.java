package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.ImapSession;
import dev.kotak.server.testing.TestServer;

/**
 * IMAP SEARCH on flags and keywords after STOREs that add, remove and replace them, read from the Lucene index
 * whose flags documents {@code KotakLuceneMessageSearchIndex} rewrites without searching them first. Every answer
 * is checked against a model of the mailbox's flags, itself checked against the server's {@code FETCH FLAGS}, after
 * each pass of STOREs (the same messages rewritten two and three times), and after a restart. It fails if a flags
 * document is written under another id than James's (the one James wrote at APPEND stays), without the empty
 * value of a message with no flags (UNSEEN, UNKEYWORD miss it), or with another mailbox's id. Derby only: the
 * index is the same on every database.
 */
class SearchIndexFlagsTest {
    private static final String USER = "alice@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final String OTHER = "Kotak-Other";
    private static final int MESSAGES = 20;
    private static final Pattern FETCH_FLAGS = Pattern.compile("^\\* \\d+ FETCH \\(.*?FLAGS \\(([^)]*)\\).*?UID (\\d+)|"
        + "^\\* \\d+ FETCH \\(.*?UID (\\d+).*?FLAGS \\(([^)]*)\\)");

    /** The flags of each UID as the test believes them to be, in IMAP's names. */
    private final Map<Long, Set<String>> inbox = new TreeMap<>();
    private final Map<Long, Set<String>> other = new TreeMap<>();

    @Test
    void flagSearchesAnswerWhatTheStoresWrote() throws Exception {
        try (TestServer server = TestServer.on(Database.DERBY).start()) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);

            try (ImapSession imap = server.mail().imap(USER, PASSWORD)) {
                for (long uid = 1; uid <= MESSAGES; uid++) {
                    String flags = uid == 19 ? "$c" : uid == 20 ? "\\Draft" : "";
                    imap.append("INBOX", flags, message(uid));
                    inbox.put(uid, names(flags));
                }
                imap.ok("CREATE " + OTHER);
                for (long uid = 1; uid <= 3; uid++) {
                    imap.append(OTHER, "", message(100 + uid));
                    other.put(uid, names(""));
                }

                imap.ok("SELECT INBOX");
                checkInbox(imap, "as appended");

                firstPass(imap);
                checkInbox(imap, "after the first pass");

                // The same messages again: every flags document is rewritten a second and a third time.
                secondPass(imap);
                checkInbox(imap, "after the second pass");
                firstPass(imap);
                checkInbox(imap, "after the first pass again");

                // The same UIDs in another mailbox: distinct flags documents.
                imap.ok("SELECT " + OTHER);
                store(imap, other, "1:3", "+FLAGS", "\\Flagged $a");
                store(imap, other, "2", "-FLAGS", "$a");
                checkOther(imap);
                imap.ok("SELECT INBOX");
                checkInbox(imap, "after stores in another mailbox");
            }

            server.restart();

            try (ImapSession imap = server.mail().imap(USER, PASSWORD)) {
                imap.ok("SELECT INBOX");
                checkInbox(imap, "after a restart");
                store(imap, inbox, "1:20", "-FLAGS", "\\Seen");
                checkInbox(imap, "after a STORE following the restart");
                imap.ok("SELECT " + OTHER);
                checkOther(imap);
            }
        }
    }

    private void firstPass(ImapSession imap) {
        store(imap, inbox, "1:10", "+FLAGS", "\\Seen");
        store(imap, inbox, "2,4,6", "+FLAGS", "\\Flagged $a");
        store(imap, inbox, "3", "+FLAGS", "\\Answered kw-b");
        store(imap, inbox, "5:7", "FLAGS", "\\Draft $c");
        store(imap, inbox, "8", "+FLAGS", "\\Deleted");
        store(imap, inbox, "9", "-FLAGS", "\\Seen");
        store(imap, inbox, "10", "FLAGS", "");
        store(imap, inbox, "4", "-FLAGS", "$a");
        store(imap, inbox, "11:20", "+FLAGS", "$a");
        store(imap, inbox, "15:20", "-FLAGS", "$a");
        store(imap, inbox, "12", "+FLAGS", "\\Seen \\Flagged \\Answered \\Draft \\Deleted $a kw-b $c");
    }

    private void secondPass(ImapSession imap) {
        store(imap, inbox, "1:10", "-FLAGS", "\\Seen");
        store(imap, inbox, "2", "FLAGS", "\\Seen");
        store(imap, inbox, "3,6", "+FLAGS", "\\Seen $a");
        store(imap, inbox, "8", "-FLAGS", "\\Deleted");
        store(imap, inbox, "12", "FLAGS", "");
        store(imap, inbox, "13:14", "+FLAGS", "\\Deleted kw-b");
        store(imap, inbox, "20", "-FLAGS", "\\Draft");
    }

    /** Runs {@code UID STORE uids mode (flags)} and applies it to the model. */
    private static void store(ImapSession imap, Map<Long, Set<String>> model, String uids, String mode, String flags) {
        imap.ok("UID STORE " + uids + " " + mode + ".SILENT (" + flags + ")");
        Set<String> given = names(flags);
        for (long uid : uidSet(uids)) {
            Set<String> current = model.get(uid);
            if (mode.equals("FLAGS")) {
                current.clear();
                current.addAll(given);
            } else if (mode.equals("+FLAGS")) {
                current.addAll(given);
            } else {
                current.removeAll(given);
            }
        }
    }

    private void checkInbox(ImapSession imap, String when) {
        assertThat(fetchFlags(imap)).as("FETCH FLAGS %s (the test's model)", when).isEqualTo(inbox);
        assertThat(inbox.values()).as("some message has no flag at all %s", when).anySatisfy(flags -> assertThat(flags).isEmpty());

        Map<String, BiPredicate<Long, Set<String>>> searches = new LinkedHashMap<>();
        searches.put("ALL", (uid, flags) -> true);
        searches.put("SEEN", (uid, flags) -> flags.contains("\\Seen"));
        searches.put("UNSEEN", (uid, flags) -> !flags.contains("\\Seen"));
        searches.put("FLAGGED", (uid, flags) -> flags.contains("\\Flagged"));
        searches.put("UNFLAGGED", (uid, flags) -> !flags.contains("\\Flagged"));
        searches.put("ANSWERED", (uid, flags) -> flags.contains("\\Answered"));
        searches.put("UNANSWERED", (uid, flags) -> !flags.contains("\\Answered"));
        searches.put("DRAFT", (uid, flags) -> flags.contains("\\Draft"));
        searches.put("UNDRAFT", (uid, flags) -> !flags.contains("\\Draft"));
        searches.put("DELETED", (uid, flags) -> flags.contains("\\Deleted"));
        searches.put("UNDELETED", (uid, flags) -> !flags.contains("\\Deleted"));
        for (String keyword : List.of("$a", "kw-b", "$c")) {
            searches.put("KEYWORD " + keyword, (uid, flags) -> flags.contains(keyword));
            searches.put("UNKEYWORD " + keyword, (uid, flags) -> !flags.contains(keyword));
        }
        searches.put("UID 5:15 UNSEEN", (uid, flags) -> uid >= 5 && uid <= 15 && !flags.contains("\\Seen"));
        searches.put("UID 1:10 FLAGGED", (uid, flags) -> uid <= 10 && flags.contains("\\Flagged"));
        searches.put("UID 11:* KEYWORD $a", (uid, flags) -> uid >= 11 && flags.contains("$a"));
        searches.put("UID 1:3,18:20 UNKEYWORD $a", (uid, flags) -> (uid <= 3 || uid >= 18) && !flags.contains("$a"));
        searches.put("SEEN UNFLAGGED UNDELETED", (uid, flags) -> flags.contains("\\Seen") && !flags.contains("\\Flagged")
            && !flags.contains("\\Deleted"));
        searches.put("OR DRAFT KEYWORD kw-b", (uid, flags) -> flags.contains("\\Draft") || flags.contains("kw-b"));

        // One line per search, UIDs as IMAP writes them, so a failure shows which search went wrong.
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        searches.forEach((criteria, matches) -> {
            Set<Long> uids = inbox.entrySet().stream().filter(e -> matches.test(e.getKey(), e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            expected.append(criteria).append(" -> ").append(uids).append('\n');
            actual.append(criteria).append(" -> ").append(imap.uidSearch(criteria)).append('\n');
        });
        assertThat(actual.toString()).as("UID SEARCH %s, flags %s", when, inbox).isEqualTo(expected.toString());
    }

    private void checkOther(ImapSession imap) {
        assertThat(fetchFlags(imap)).as("FETCH FLAGS in %s", OTHER).isEqualTo(other);
        assertThat(imap.uidSearch("FLAGGED")).isEqualTo(Set.of(1L, 2L, 3L));
        assertThat(imap.uidSearch("KEYWORD $a")).isEqualTo(Set.of(1L, 3L));
        assertThat(imap.uidSearch("UNKEYWORD $a")).isEqualTo(Set.of(2L));
        assertThat(imap.uidSearch("SEEN")).isEmpty();
        assertThat(imap.uidSearch("UNSEEN")).isEqualTo(Set.of(1L, 2L, 3L));
    }

    private static Map<Long, Set<String>> fetchFlags(ImapSession imap) {
        Map<Long, Set<String>> flags = new TreeMap<>();
        for (String line : imap.ok("UID FETCH 1:* (FLAGS)")) {
            Matcher matcher = FETCH_FLAGS.matcher(line);
            if (matcher.find()) {
                boolean flagsFirst = matcher.group(1) != null;
                long uid = Long.parseLong(flagsFirst ? matcher.group(2) : matcher.group(3));
                Set<String> names = names(flagsFirst ? matcher.group(1) : matcher.group(4));
                names.remove("\\Recent");
                flags.put(uid, names);
            }
        }
        return flags;
    }

    private static Set<String> names(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(flag -> !flag.isEmpty())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<Long> uidSet(String uids) {
        List<Long> result = new ArrayList<>();
        for (String part : uids.split(",")) {
            String[] bounds = part.split(":");
            long from = Long.parseLong(bounds[0]);
            long to = Long.parseLong(bounds[bounds.length - 1]);
            LongStream.rangeClosed(from, to).forEach(result::add);
        }
        return result;
    }

    private static String message(long number) {
        return "From: bob@sender.test\r\nTo: " + USER + "\r\nSubject: flags " + number
            + "\r\nMessage-ID: <flags-" + number + "-" + System.nanoTime() + "@tests.kotak.dev>\r\n\r\nbody " + number + "\r\n";
    }
}
