package dev.kotak.server.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The databases the server is tested against. Derby is embedded and always there; PostgreSQL and MariaDB are the
 * machine's own servers on 127.0.0.1 (see .ci/run). Each test run gets a database of its own, dropped afterwards,
 * so runs never see each other's users or mail.
 *
 * <p>Where PostgreSQL or MariaDB is unreachable the test is skipped with a message naming the server, unless the
 * environment variable {@code KOTAK_REQUIRE_DATABASES=true} (set by CI) turns that into a failure: CI must not go
 * green by skipping them.
 */
public enum Database {
    DERBY {
        @Override
        public Instance create() {
            return new Instance(this, "org.apache.derby.jdbc.EmbeddedDriver", "jdbc:derby:var/store/derby;create=true",
                "", "", () -> { });
        }
    },
    POSTGRESQL {
        @Override
        public Instance create() {
            requireReachable("PostgreSQL", 5432);
            String name = freshName();
            String user = System.getenv().getOrDefault("KOTAK_TEST_PG_USER", "postgres");
            execute("jdbc:postgresql://127.0.0.1:5432/postgres", user, "", "CREATE DATABASE " + name);
            return new Instance(this, "org.postgresql.Driver", "jdbc:postgresql://127.0.0.1:5432/" + name, user, "",
                () -> execute("jdbc:postgresql://127.0.0.1:5432/postgres", user, "", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        }
    },
    MARIADB {
        @Override
        public Instance create() {
            requireReachable("MariaDB", 3306);
            String name = freshName();
            execute("jdbc:mariadb://127.0.0.1:3306/", "root", "", "CREATE DATABASE " + name);
            return new Instance(this, "org.mariadb.jdbc.Driver", "jdbc:mariadb://127.0.0.1:3306/" + name, "root", "",
                () -> execute("jdbc:mariadb://127.0.0.1:3306/", "root", "", "DROP DATABASE IF EXISTS " + name));
        }
    };

    public abstract Instance create();

    private static String freshName() {
        return "kotak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static void requireReachable(String product, int port) {
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        String message = product + " is not reachable on 127.0.0.1:" + port + ": test SKIPPED (start it, or run .ci/run)";
        if (!reachable && Boolean.parseBoolean(System.getenv("KOTAK_REQUIRE_DATABASES"))) {
            throw new IllegalStateException(message.replace("SKIPPED", "FAILED because KOTAK_REQUIRE_DATABASES=true"));
        }
        if (!reachable) {
            System.err.println("[kotak-tests] " + message);
        }
        Assumptions.assumeTrue(reachable, message);
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    /** One database created for one test; {@link #drop()} removes it. */
    public static final class Instance {
        private final Database kind;
        private final String driver;
        private final String url;
        private final String user;
        private final String password;
        private final Runnable dropper;

        Instance(Database kind, String driver, String url, String user, String password, Runnable dropper) {
            this.kind = kind;
            this.driver = driver;
            this.url = url;
            this.user = user;
            this.password = password;
            this.dropper = dropper;
        }

        public Database kind() {
            return kind;
        }

        /** The content of {@code conf/james-database.properties} for this database. */
        public String properties() {
            return "database.driverClassName=" + driver + "\n"
                + "database.url=" + url + "\n"
                + "database.username=" + user + "\n"
                + "database.password=" + password + "\n";
        }

        /**
         * A JDBC connection to this database, for tests that check what the server stored; Derby's relative path
         * is resolved against the server's working directory, as the server does.
         */
        public Connection connect(Path workingDirectory) throws SQLException {
            String resolved = url;
            if (kind == DERBY) {
                String location = url.substring("jdbc:derby:".length()).split(";")[0];
                resolved = "jdbc:derby:" + workingDirectory.resolve(location).normalize();
            }
            return DriverManager.getConnection(resolved, user, password);
        }

        public void drop() {
            dropper.run();
        }
    }
}
