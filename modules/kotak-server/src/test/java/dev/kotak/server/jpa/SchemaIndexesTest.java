package dev.kotak.server.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.MailboxProbe;
import dev.kotak.server.testing.TestServer;

/**
 * Kotak's indexes of James's tables ({@link SchemaIndexes}) on each database: there once the server has started,
 * not created again by a restart, nor where an index of the operator's already starts with their columns;
 * the keyword index takes the longest keyword James's column holds.
 */
class SchemaIndexesTest {
    private static final String USER = "ines@example.org";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.class)
    void theIndexesAreAddedOnceAndNotWhereTheOperatorHasOneOnTheSameColumns(Database database) throws Exception {
        try (TestServer server = TestServer.on(database)) {
            server.start(MailboxProbe.MODULE);
            Map<String, Map<String, List<String>>> first = indexes(server);

            for (SchemaIndexes.Index index : SchemaIndexes.INDEXES) {
                assertThat(first.get(index.table).values()).as("indexes of %s", index.table)
                    .anySatisfy(columns -> assertThat(columns).startsWith(index.columns.toArray(String[]::new)));
            }
            // No foreign key index holds the keyword itself: this one is Kotak's on every database.
            assertThat(first.get("JAMES_MAIL_USERFLAG"))
                .containsEntry("KOTAK_USERFLAG_MESSAGE", List.of("MAILBOX_ID", "MAIL_UID", "USERFLAG_NAME"));

            // James's keyword column holds 500 characters; an index entry that long must fit on every database.
            String longest = "$" + "k".repeat(499);
            assertThat(appendAndListKeywords(server, longest)).containsExactly(longest);

            server.stop();
            try (Connection jdbc = server.jdbc(); Statement statement = jdbc.createStatement()) {
                // First: MariaDB lets the foreign key use Kotak's index, and keeps it until another one can.
                statement.execute("CREATE INDEX OPERATOR_KEYWORDS ON JAMES_MAIL_USERFLAG (MAILBOX_ID, MAIL_UID,"
                    + " USERFLAG_NAME, USERFLAG_ID)");
                statement.execute(database == Database.MARIADB
                    ? "DROP INDEX KOTAK_USERFLAG_MESSAGE ON JAMES_MAIL_USERFLAG" : "DROP INDEX KOTAK_USERFLAG_MESSAGE");
            }

            server.start(MailboxProbe.MODULE);

            Map<String, Map<String, List<String>>> expected = new HashMap<>(first);
            Map<String, List<String>> keywordIndexes = new TreeMap<>(first.get("JAMES_MAIL_USERFLAG"));
            keywordIndexes.remove("KOTAK_USERFLAG_MESSAGE");
            keywordIndexes.put("OPERATOR_KEYWORDS", List.of("MAILBOX_ID", "MAIL_UID", "USERFLAG_NAME", "USERFLAG_ID"));
            expected.put("JAMES_MAIL_USERFLAG", keywordIndexes);
            assertThat(indexes(server)).as("indexes after a restart: the operator's kept, none added")
                .isEqualTo(expected);
        }
    }

    private static Map<String, Map<String, List<String>>> indexes(TestServer server) throws Exception {
        Map<String, Map<String, List<String>>> indexes = new HashMap<>();
        try (Connection jdbc = server.jdbc()) {
            for (SchemaIndexes.Index index : SchemaIndexes.INDEXES) {
                indexes.put(index.table, SchemaIndexes.indexesOf(jdbc, index.table));
            }
        }
        return indexes;
    }

    private static List<String> appendAndListKeywords(TestServer server, String keyword) throws Exception {
        server.webAdmin().addDomain("example.org");
        MailboxManager mailboxManager = server.server().getProbe(MailboxProbe.class).mailboxManager();
        MailboxSession session = mailboxManager.createSystemSession(Username.of(USER));
        mailboxManager.startProcessingRequest(session);
        try {
            mailboxManager.createMailbox(MailboxPath.inbox(session), session);
            MessageManager inbox = mailboxManager.getMailbox(MailboxPath.inbox(session), session);
            inbox.appendMessage(MessageManager.AppendCommand.builder().withFlags(new Flags(keyword))
                .build("Subject: a long keyword\r\n\r\nbody\r\n"), session);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        session = mailboxManager.createSystemSession(Username.of(USER));
        mailboxManager.startProcessingRequest(session);
        List<String> keywords = new ArrayList<>();
        try {
            mailboxManager.getMailbox(MailboxPath.inbox(session), session)
                .getMessages(MessageRange.all(), FetchGroup.MINIMAL, session)
                .forEachRemaining(result -> keywords.addAll(List.of(result.getFlags().getUserFlags())));
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        return keywords;
    }
}
