package dev.kotak.server.testing;

import java.sql.Connection;
import java.sql.SQLException;

import org.apache.james.server.core.configuration.Configuration;

import com.google.inject.Module;

import dev.kotak.server.KotakServer;

/**
 * A Kotak server running in this JVM on a {@link ServerHome}, restartable on the same home and database so
 * tests can check what survives a restart.
 */
public final class TestServer implements AutoCloseable {
    private final ServerHome home;
    private final Database.Instance database;
    private KotakServer server;

    private TestServer(ServerHome home, Database.Instance database) {
        this.home = home;
        this.database = database;
    }

    public static TestServer on(Database database) {
        Database.Instance instance = database.create();
        return new TestServer(ServerHome.create(instance), instance);
    }

    public TestServer start(Module... overrides) throws Exception {
        Configuration configuration = Configuration.builder().workingDirectory(home.root().toFile()).build();
        server = KotakServer.create(configuration, overrides);
        server.start();
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public TestServer restart(Module... overrides) throws Exception {
        stop();
        return start(overrides);
    }

    public KotakServer server() {
        return server;
    }

    public ServerHome home() {
        return home;
    }

    public WebAdminClient webAdmin() {
        return new WebAdminClient(home.port(8000));
    }

    /** A JDBC connection to the server's database (close it). */
    public Connection jdbc() throws SQLException {
        return database.connect(home.root());
    }

    public MailClients mail() {
        return new MailClients(home);
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                database.drop();
            } finally {
                home.delete();
            }
        }
    }
}
