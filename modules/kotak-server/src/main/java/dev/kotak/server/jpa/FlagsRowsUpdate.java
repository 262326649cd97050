package dev.kotak.server.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.mail.Flags;
import javax.persistence.EntityManager;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.mail.model.JPAUserFlag;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.openjpa.persistence.Generator;
import org.apache.openjpa.persistence.OpenJPAEntityManager;
import org.apache.openjpa.persistence.OpenJPAPersistence;

/**
 * One flag update (IMAP {@code STORE}, a POP3 {@code QUIT} that marks messages, {@code \Recent} reset) over a UID
 * range of one mailbox, written as SQL on the entity manager's own connection and transaction: two reads (the
 * messages' system flags, then their user flags), one batch of {@code UPDATE}s, one per run of consecutive UIDs
 * that end with the same system flags, and one batch each of inserted and deleted user-flag rows.
 *
 * <p>Why: James 3.8.1 loads every message of the range as an entity (with its properties), replaces its whole
 * user-flag collection and lets OpenJPA write one row update, a delete of every user-flag row and an insert of
 * every user flag, per message. Marking 520 messages took 120 to 160 ms on Derby; a POP3 policy that records
 * retrievals pays that at every first download (bench/pop3, retention mode). Here only the changed rows are
 * written, unchanged user flags are left alone, and the same marks on 520 messages cost 40 to 60 ms, most of it
 * Derby's own cost of updating 520 indexed rows and inserting 520 more.
 *
 * <p>The tables and columns are James's JPA mapping ({@code JAMES_MAIL}, {@code JAMES_MAIL_USERFLAG}); new
 * user-flag rows take their ids from OpenJPA's own generator for that entity, so rows written here and rows written
 * by OpenJPA never collide. Messages this entity manager already holds are evicted afterwards, so a later read in
 * the same request (an IMAP {@code STORE} answering with {@code FETCH FLAGS}) sees the new flags.
 */
final class FlagsRowsUpdate {
    /** The system flags and their {@code JAMES_MAIL} columns, in the order both statements use them. */
    private static final Flags.Flag[] SYSTEM_FLAG_ORDER = {Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT,
        Flags.Flag.FLAGGED, Flags.Flag.RECENT, Flags.Flag.SEEN};
    private static final List<String> SYSTEM_FLAG_COLUMNS = List.of("MAIL_IS_ANSWERED", "MAIL_IS_DELETED",
        "MAIL_IS_DRAFT", "MAIL_IS_FLAGGED", "MAIL_IS_RECENT", "MAIL_IS_SEEN");

    /** What James's mapper calls for the next mod-sequence of the mailbox, called only when a flag changes. */
    interface ModSeqSource {
        ModSeq next() throws MailboxException;
    }

    private final EntityManager entityManager;
    private final long mailboxId;

    FlagsRowsUpdate(EntityManager entityManager, long mailboxId) {
        this.entityManager = entityManager;
        this.mailboxId = mailboxId;
    }

    /** Must run inside the mapper's transaction ({@code execute}); nothing is committed here. */
    List<UpdatedFlags> apply(MessageRange range, FlagsUpdateCalculator calculator, ModSeqSource modSeqs)
        throws MailboxException {
        OpenJPAEntityManager jpa = OpenJPAPersistence.cast(entityManager);
        jpa.flush();
        jpa.beginStore();
        Connection connection = (Connection) jpa.getConnection();
        try {
            Map<Long, Row> rows = read(connection, range);
            List<UpdatedFlags> result = new ArrayList<>(rows.size());
            List<Row> changed = new ArrayList<>();
            for (Row row : rows.values()) {
                row.newFlags = calculator.buildNewFlags(row.oldFlags);
                row.changed = UpdatedFlags.flagsChanged(row.oldFlags, row.newFlags);
                if (row.changed) {
                    changed.add(row);
                }
            }
            ModSeq modSeq = changed.isEmpty() ? null : modSeqs.next();
            for (Row row : rows.values()) {
                result.add(UpdatedFlags.builder()
                    .uid(MessageUid.of(row.uid))
                    .modSeq(row.changed ? modSeq : ModSeq.of(row.modSeq))
                    .oldFlags(row.oldFlags)
                    .newFlags(row.newFlags)
                    .build());
            }
            if (!changed.isEmpty()) {
                write(connection, jpa, changed, modSeq);
                // Instances loaded earlier in this request would otherwise answer later reads with the old flags.
                jpa.evictAll();
            }
            return result;
        } catch (SQLException e) {
            throw new MailboxException("Flags update of " + range + " failed in mailbox " + mailboxId, e);
        } finally {
            closeQuietly(connection);
        }
    }

    private Map<Long, Row> read(Connection connection, MessageRange range) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        String where = " WHERE MAILBOX_ID = ?" + uidCondition(range);
        try (PreparedStatement select = connection.prepareStatement("SELECT MAIL_UID, MAIL_MODSEQ, "
            + String.join(", ", SYSTEM_FLAG_COLUMNS)
            + " FROM JAMES_MAIL" + where + " ORDER BY MAIL_UID")) {
            bindRange(select, range);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Flags flags = new Flags();
                    for (int i = 0; i < SYSTEM_FLAG_ORDER.length; i++) {
                        if (result.getBoolean(3 + i)) {
                            flags.add(SYSTEM_FLAG_ORDER[i]);
                        }
                    }
                    rows.put(result.getLong(1), new Row(result.getLong(1), result.getLong(2), flags));
                }
            }
        }
        if (rows.isEmpty()) {
            return rows;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT MAIL_UID, USERFLAG_NAME"
            + " FROM JAMES_MAIL_USERFLAG" + where + " ORDER BY USERFLAG_ID")) {
            bindRange(select, range);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Row row = rows.get(result.getLong(1));
                    if (row != null) {
                        row.oldFlags.add(result.getString(2));
                    }
                }
            }
        }
        return rows;
    }

    private void write(Connection connection, OpenJPAEntityManager jpa, List<Row> changed, ModSeq modSeq)
        throws SQLException {
        Map<List<Boolean>, List<Long>> bySystemFlags = new LinkedHashMap<>();
        for (Row row : changed) {
            bySystemFlags.computeIfAbsent(systemFlags(row.newFlags), ignored -> new ArrayList<>()).add(row.uid);
        }
        for (Map.Entry<List<Boolean>, List<Long>> group : bySystemFlags.entrySet()) {
            updateSystemFlags(connection, group.getKey(), group.getValue(), modSeq);
        }
        List<UserFlagRow> added = new ArrayList<>();
        List<UserFlagRow> removed = new ArrayList<>();
        for (Row row : changed) {
            Set<String> before = userFlags(row.oldFlags);
            Set<String> after = userFlags(row.newFlags);
            after.stream().filter(flag -> !before.contains(flag))
                .forEach(flag -> added.add(new UserFlagRow(row.uid, flag)));
            before.stream().filter(flag -> !after.contains(flag))
                .forEach(flag -> removed.add(new UserFlagRow(row.uid, flag)));
        }
        if (!added.isEmpty()) {
            insertUserFlags(connection, jpa, added);
        }
        if (!removed.isEmpty()) {
            deleteUserFlags(connection, removed);
        }
    }

    private void insertUserFlags(Connection connection, OpenJPAEntityManager jpa, List<UserFlagRow> added)
        throws SQLException {
        // Ids one by one: Generator.allocate(n) would extend the current block of this generator's sequence
        // instance as if no other instance had taken ids from the table since, and OpenJPA's own instance has.
        Generator ids = jpa.getFieldGenerator(JPAUserFlag.class, "id");
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO JAMES_MAIL_USERFLAG"
                + " (USERFLAG_ID, USERFLAG_NAME, MAILBOX_ID, MAIL_UID) VALUES (?, ?, ?, ?)")) {
            for (UserFlagRow row : added) {
                insert.setLong(1, ((Number) ids.next()).longValue());
                insert.setString(2, row.name);
                insert.setLong(3, mailboxId);
                insert.setLong(4, row.uid);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void deleteUserFlags(Connection connection, List<UserFlagRow> removed) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM JAMES_MAIL_USERFLAG"
                + " WHERE MAILBOX_ID = ? AND MAIL_UID = ? AND USERFLAG_NAME = ?")) {
            for (UserFlagRow row : removed) {
                delete.setLong(1, mailboxId);
                delete.setLong(2, row.uid);
                delete.setString(3, row.name);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /**
     * One {@code UPDATE} per run of consecutive UIDs (batched): a range is much cheaper than a list of keys for
     * Derby, and a run without gaps holds only the messages read, since UIDs are never reused. A message delivered
     * into a gap after the read, with a UID reserved before it, is not touched.
     */
    private void updateSystemFlags(Connection connection, List<Boolean> flags, List<Long> uids, ModSeq modSeq)
        throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE JAMES_MAIL SET "
                + String.join(" = ?, ", SYSTEM_FLAG_COLUMNS) + " = ?, MAIL_MODSEQ = ?"
                + " WHERE MAILBOX_ID = ? AND MAIL_UID BETWEEN ? AND ?")) {
            int start = 0;
            while (start < uids.size()) {
                int end = start;
                while (end + 1 < uids.size() && uids.get(end + 1) == uids.get(end) + 1) {
                    end++;
                }
                int index = 1;
                for (Boolean flag : flags) {
                    update.setBoolean(index++, flag);
                }
                update.setLong(index++, modSeq.asLong());
                update.setLong(index++, mailboxId);
                update.setLong(index++, uids.get(start));
                update.setLong(index, uids.get(end));
                update.addBatch();
                start = end + 1;
            }
            update.executeBatch();
        }
    }

    private static String uidCondition(MessageRange range) {
        switch (range.getType()) {
            case ONE:
                return " AND MAIL_UID = ?";
            case FROM:
                return " AND MAIL_UID >= ?";
            case RANGE:
                return " AND MAIL_UID BETWEEN ? AND ?";
            default:
                return "";
        }
    }

    private void bindRange(PreparedStatement statement, MessageRange range) throws SQLException {
        statement.setLong(1, mailboxId);
        switch (range.getType()) {
            case ONE:
            case FROM:
                statement.setLong(2, range.getUidFrom().asLong());
                break;
            case RANGE:
                statement.setLong(2, range.getUidFrom().asLong());
                statement.setLong(3, range.getUidTo().asLong());
                break;
            default:
                break;
        }
    }

    private static List<Boolean> systemFlags(Flags flags) {
        List<Boolean> values = new ArrayList<>(SYSTEM_FLAG_ORDER.length);
        for (Flags.Flag flag : SYSTEM_FLAG_ORDER) {
            values.add(flags.contains(flag));
        }
        return values;
    }

    private static Set<String> userFlags(Flags flags) {
        return new TreeSet<>(Arrays.asList(flags.getUserFlags()));
    }

    private static void closeQuietly(Connection connection) {
        try {
            // OpenJPA's handle on the transaction's connection: closing it releases the handle, not the connection.
            connection.close();
        } catch (SQLException e) {
            // Nothing was left to release.
        }
    }

    /** One row of {@code JAMES_MAIL_USERFLAG} to insert or delete. */
    private static final class UserFlagRow {
        final long uid;
        final String name;

        UserFlagRow(long uid, String name) {
            this.uid = uid;
            this.name = name;
        }
    }

    /** One message as read: its stored flags, then those the update computes. */
    private static final class Row {
        final long uid;
        final long modSeq;
        final Flags oldFlags;
        Flags newFlags;
        boolean changed;

        Row(long uid, long modSeq, Flags oldFlags) {
            this.uid = uid;
            this.modSeq = modSeq;
            this.oldFlags = oldFlags;
        }
    }
}
