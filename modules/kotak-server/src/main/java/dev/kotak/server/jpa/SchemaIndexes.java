package dev.kotak.server.jpa;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.openjpa.lib.jdbc.DelegatingConnection;
import org.apache.openjpa.persistence.OpenJPAPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes Kotak adds to James's tables, created at startup once OpenJPA has built the schema, on Derby, PostgreSQL
 * and MariaDB alike. An index is created only where no index of the table already starts with its columns (under
 * any name: an operator's own counts), so a restart, a second server on the same database, or a database that
 * already has one, changes nothing.
 *
 * <p>Why: James's entities declare none of these. Derby and MariaDB index a foreign key by themselves and
 * PostgreSQL does not, so there a message's keyword and MIME property rows (read at every listing and
 * {@code RETR}, and checked by every expunge's cascade) were found by scanning the whole table, every user's rows.
 * The keyword index also holds the keyword itself, so that a listing's keyword query (every POP3 login,
 * {@link MetadataBatchRead}) is answered from the index alone: 520 keyword rows in 0.2 ms instead of 0.55 ms on
 * Derby. A mailbox is looked up by owner and name at every login; James's table has no index on either.
 *
 * <p>The indexes change no row, so a database stays readable by stock James; stock James leaves them in place.
 */
final class SchemaIndexes {
    private static final Logger LOGGER = LoggerFactory.getLogger(SchemaIndexes.class);

    /** One index Kotak wants: its name, its table and its columns, in order. */
    static final class Index {
        final String name;
        final String table;
        final List<String> columns;

        Index(String name, String table, List<String> columns) {
            this.name = name;
            this.table = table;
            this.columns = List.copyOf(columns);
        }

        String createStatement() {
            return "CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", columns) + ")";
        }
    }

    static final List<Index> INDEXES = List.of(
        new Index("KOTAK_USERFLAG_MESSAGE", "JAMES_MAIL_USERFLAG", List.of("MAILBOX_ID", "MAIL_UID", "USERFLAG_NAME")),
        new Index("KOTAK_PROPERTY_MESSAGE", "JAMES_MAIL_PROPERTY", List.of("MAILBOX_ID", "MAIL_UID")),
        new Index("KOTAK_MAILBOX_OWNER_NAME", "JAMES_MAILBOX", List.of("USER_NAME", "MAILBOX_NAME")));

    private SchemaIndexes() {
    }

    /**
     * Creates the missing indexes. Opening the first entity manager makes OpenJPA build the schema, so the tables
     * exist by then. An index that cannot be created is logged with its statement and the server goes on: it is
     * slower without it, and nothing else depends on it.
     */
    static void ensure(EntityManagerFactory entityManagerFactory) {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try (Connection handle = (Connection) OpenJPAPersistence.cast(entityManager).getConnection()) {
            // OpenJPA's handle does not answer getSchema(); the pool's connection underneath does.
            Connection connection = handle instanceof DelegatingConnection
                ? ((DelegatingConnection) handle).getInnermostDelegate() : handle;
            for (Index index : INDEXES) {
                ensure(connection, index);
            }
        } catch (SQLException | RuntimeException e) {
            LOGGER.warn("Unable to check Kotak's indexes of James's tables ({}); the server runs without them",
                e.getMessage());
        } finally {
            entityManager.close();
        }
    }

    private static void ensure(Connection connection, Index index) throws SQLException {
        if (covered(connection, index)) {
            return;
        }
        LOGGER.info("Creating index {} on {} ({}); on a large existing table this takes a while, once", index.name,
            index.table, String.join(", ", index.columns));
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(index.createStatement());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            LOGGER.info("Created index {} in {} ms", index.name, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            // Another server on the same database may have created it meanwhile.
            if (!covered(connection, index)) {
                LOGGER.warn("Unable to create index {} ({}); the server runs without it. Run '{}' as the database's"
                    + " owner to add it", index.name, e.getMessage(), index.createStatement());
            }
        }
    }

    /** Whether an index of the table starts with the index's columns. */
    static boolean covered(Connection connection, Index index) throws SQLException {
        for (List<String> existing : indexesOf(connection, index.table).values()) {
            if (existing.size() >= index.columns.size()
                && existing.subList(0, index.columns.size()).equals(index.columns)) {
                return true;
            }
        }
        return false;
    }

    /** The indexes of {@code table}: each one's columns, in order, by its name; names and columns in upper case. */
    static Map<String, List<String>> indexesOf(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        // OpenJPA creates the tables unquoted: PostgreSQL keeps their names in lower case, Derby in upper case.
        String stored = metaData.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT)
            : metaData.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        Map<String, Map<Integer, String>> columnsByIndex = new TreeMap<>();
        try (ResultSet rows = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), stored, false,
            true)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                String column = rows.getString("COLUMN_NAME");
                if (name != null && column != null) {
                    columnsByIndex.computeIfAbsent(name.toUpperCase(Locale.ROOT), key -> new TreeMap<>())
                        .put((int) rows.getShort("ORDINAL_POSITION"), column.toUpperCase(Locale.ROOT));
                }
            }
        }
        Map<String, List<String>> indexes = new TreeMap<>();
        columnsByIndex.forEach((name, columns) -> indexes.put(name, List.copyOf(columns.values())));
        return indexes;
    }
}
