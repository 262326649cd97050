package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.MailboxProbe;
import dev.kotak.server.testing.MailboxRows;
import dev.kotak.server.testing.NumberedFlags;
import dev.kotak.server.testing.RowCounter;
import dev.kotak.server.testing.TestServer;

/**
 * A listing longer than one batch (James lists in batches of 200: every POP3 login, {@code MessageManager.getMessages})
 * on each database, over a mailbox with UID gaps: every message is listed once, in UID order, with its own flags;
 * the keyword rows read are those of the messages listed, each once, no property row is read, and each batch takes
 * a few queries. James's JPA mapper read the keyword and property rows of every message from a batch's first UID to
 * the end of the mailbox, for every batch: 1,144 keyword rows for the 772 this mailbox holds (see
 * {@code BatchUidBound}, {@code MetadataBatchRead}).
 */
class ListingBatchesTest {
    private static final String USER = "lars@example.org";
    private static final int MESSAGES = 450;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.class)
    void aLongListingReadsTheRowsOfTheMessagesItListsOnce(Database database) throws Exception {
        try (TestServer server = TestServer.on(database)) {
            server.home().write("james-database.properties",
                server.home().read("james-database.properties") + RowCounter.PROPERTY);
            server.start(MailboxProbe.MODULE);
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, "s3cret-Passw0rd");
            MailboxManager mailboxManager = server.server().getProbe(MailboxProbe.class).mailboxManager();
            MailboxSession session = mailboxManager.createSystemSession(Username.of(USER));
            mailboxManager.startProcessingRequest(session);
            mailboxManager.createMailbox(MailboxPath.inbox(session), session);
            MessageManager inbox = mailboxManager.getMailbox(MailboxPath.inbox(session), session);
            Map<Long, Set<String>> model = new LinkedHashMap<>();
            List<MessageUid> gaps = new ArrayList<>();
            for (int i = 1; i <= MESSAGES; i++) {
                MessageUid uid = inbox.appendMessage(MessageManager.AppendCommand.builder()
                        .withFlags(flags(NumberedFlags.of(i)))
                        .build("Subject: message " + i + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody " + i + "\r\n"),
                    session).getId().getUid();
                if (i % 7 == 0) {
                    gaps.add(uid);
                } else {
                    model.put(uid.asLong(), NumberedFlags.of(i));
                }
            }
            inbox.delete(gaps, session);
            mailboxManager.endProcessingRequest(session);
            long mailboxId;
            try (Connection jdbc = server.jdbc()) {
                mailboxId = MailboxRows.inboxId(jdbc, USER);
            }

            RowCounter.reset();
            Map<Long, Set<String>> listed = list(mailboxManager, MessageRange.all());

            assertThat(listed).as("the whole listing").containsExactlyEntriesOf(model);
            assertRowsRead(server, mailboxId, model.keySet());

            List<Long> uids = new ArrayList<>(model.keySet());
            Map<Long, Set<String>> wide = new LinkedHashMap<>();
            uids.subList(20, 370).forEach(uid -> wide.put(uid, model.get(uid)));
            RowCounter.reset();
            listed = list(mailboxManager, MessageRange.range(MessageUid.of(uids.get(20)), MessageUid.of(uids.get(369))));

            assertThat(listed).as("a range of 350 messages").containsExactlyEntriesOf(wide);
            assertRowsRead(server, mailboxId, wide.keySet());

            // A listing that needs more than metadata keeps James's entities, each batch bounded by its last UID.
            RowCounter.reset();
            listed = list(mailboxManager, MessageRange.all(), FetchGroup.HEADERS);

            assertThat(listed).as("the whole listing, with headers").containsExactlyEntriesOf(model);
            try (Connection jdbc = server.jdbc()) {
                assertThat(RowCounter.rowsOf("JAMES_MAIL_USERFLAG")).as("keyword rows read, with headers")
                    .isEqualTo(rowsOf(jdbc, "JAMES_MAIL_USERFLAG", mailboxId, model.keySet()));
                assertThat(RowCounter.rowsOf("JAMES_MAIL_PROPERTY")).as("property rows read, with headers")
                    .isEqualTo(rowsOf(jdbc, "JAMES_MAIL_PROPERTY", mailboxId, model.keySet()));
            }
        }
    }

    /** Lists INBOX in a request of its own, as a POP3 login does (the entity manager then holds no message yet). */
    private static Map<Long, Set<String>> list(MailboxManager mailboxManager, MessageRange range) throws Exception {
        return list(mailboxManager, range, FetchGroup.MINIMAL);
    }

    private static Map<Long, Set<String>> list(MailboxManager mailboxManager, MessageRange range, FetchGroup group)
        throws Exception {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(USER));
        mailboxManager.startProcessingRequest(session);
        Map<Long, Set<String>> listed = new LinkedHashMap<>();
        List<MessageResult> results = new ArrayList<>();
        MailboxId inboxId;
        try {
            MessageManager inbox = mailboxManager.getMailbox(MailboxPath.inbox(session), session);
            inboxId = inbox.getId();
            inbox.getMessages(range, group, session).forEachRemaining(result -> {
                    results.add(result);
                    Set<String> flags = new TreeSet<>(List.of(result.getFlags().getUserFlags()));
                    if (result.getFlags().contains(Flags.Flag.SEEN)) {
                        flags.add("\\Seen");
                    }
                    if (result.getFlags().contains(Flags.Flag.FLAGGED)) {
                        flags.add("\\Flagged");
                    }
                    assertThat(listed.put(result.getUid().asLong(), flags)).as("UID %s listed twice", result.getUid())
                        .isNull();
                });
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        // The metadata read leaves the message's mailbox out; its id must still be right, after the request too.
        assertThat(results).as("mailbox of every listed message").allSatisfy(result ->
            assertThat(result.getMailboxId()).isEqualTo(inboxId));
        return listed;
    }

    /**
     * The listing read the keyword rows of the messages it listed, each once, no property row (a metadata listing
     * needs none), and ran a few queries per batch of 200, not one per message.
     */
    private static void assertRowsRead(TestServer server, long mailboxId, Set<Long> listed) throws Exception {
        try (Connection jdbc = server.jdbc()) {
            assertThat(RowCounter.rowsOf("JAMES_MAIL_USERFLAG")).as("keyword rows read")
                .isEqualTo(rowsOf(jdbc, "JAMES_MAIL_USERFLAG", mailboxId, listed));
        }
        assertThat(RowCounter.rowsOf("JAMES_MAIL_PROPERTY")).as("property rows read").isZero();
        long batches = listed.size() / 200 + 2;
        assertThat(RowCounter.queries()).as("queries for %s messages", listed.size()).isLessThanOrEqualTo(3 * batches);
    }

    private static long rowsOf(Connection jdbc, String table, long mailboxId, Set<Long> uids) throws Exception {
        long rows = 0;
        try (PreparedStatement query = jdbc.prepareStatement("SELECT MAIL_UID FROM " + table + " WHERE MAILBOX_ID = ?")) {
            query.setLong(1, mailboxId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows += uids.contains(result.getLong(1)) ? 1 : 0;
                }
            }
        }
        assertThat(rows).as("%s rows of the listed messages", table).isGreaterThanOrEqualTo(uids.size());
        return rows;
    }

    private static Flags flags(Set<String> names) {
        Flags flags = new Flags();
        for (String name : names) {
            switch (name) {
                case "\\Seen":
                    flags.add(Flags.Flag.SEEN);
                    break;
                case "\\Flagged":
                    flags.add(Flags.Flag.FLAGGED);
                    break;
                default:
                    flags.add(name);
            }
        }
        return flags;
    }
}
