package dev.kotak.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/** Reads James's JPA mailbox tables over JDBC ({@link TestServer#jdbc()}), to check what a test did in the rows. */
public final class MailboxRows {
    private MailboxRows() {
    }

    /** The {@code MAILBOX_ID} of the user's INBOX. */
    public static long inboxId(Connection jdbc, String user) throws SQLException {
        try (PreparedStatement query = jdbc.prepareStatement(
                "SELECT MAILBOX_ID FROM JAMES_MAILBOX WHERE USER_NAME = ? AND MAILBOX_NAME = 'INBOX'")) {
            query.setString(1, user);
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).as("%s has an INBOX", user).isTrue();
                return result.getLong(1);
            }
        }
    }

    /** The distinct values of the first column of {@code sql}, whose one parameter is a mailbox id. */
    public static Set<Long> uids(Connection jdbc, String sql, long mailbox) throws SQLException {
        Set<Long> uids = new TreeSet<>();
        try (PreparedStatement query = jdbc.prepareStatement(sql)) {
            query.setLong(1, mailbox);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    uids.add(result.getLong(1));
                }
            }
        }
        return uids;
    }
}
