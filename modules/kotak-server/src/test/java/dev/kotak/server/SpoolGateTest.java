package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.inject.AbstractModule;

import dev.kotak.server.spool.SpoolGate;
import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/**
 * Mail waiting in the spool when the server starts is delivered only once the quota and search-index listeners
 * listen. Stock James's JPA server delivered such a backlog before they were registered: the messages were
 * neither counted nor searchable until an operator ran a recompute and a re-index.
 */
class SpoolGateTest {
    private static final String USER = "carol@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final int BACKLOG = 25;

    @Test
    void aSpoolBacklogIsCountedAndSearchableAfterARestart() throws Exception {
        try (TestServer server = TestServer.on(Database.DERBY).start(new HeldSpool())) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);
            for (int i = 0; i < BACKLOG; i++) {
                server.mail().send("dave@sender.test", USER, "backlog " + i, "queued while the spool is held");
            }
            assertThat(server.webAdmin().quotaCount(USER))
                .as("nothing is delivered while the spool gate is held")
                .isZero();

            server.restart();

            Eventually.assertThat(() -> server.webAdmin().quotaCount(USER), (long) BACKLOG);
            Eventually.assertThat(() -> server.mail().imapSearchSubject(USER, PASSWORD, "backlog"), BACKLOG);
            assertThat(server.mail().pop3Retrieve(USER, PASSWORD, true)).hasSize(BACKLOG);
            assertThat(server.webAdmin().json("GET", "/tasks").toString())
                .as("a graceful restart needs no crash recovery: the gate alone made the backlog count")
                .doesNotContain("full-reindexing");
        }
    }

    /** Keeps queued mail in the spool for the first run: the backlog a crash or a busy restart leaves. */
    private static class HeldSpool extends AbstractModule {
        @Override
        protected void configure() {
            bind(SpoolGate.class).toInstance(new SpoolGate() {
                @Override
                public void open() {
                    // held: the mail stays queued in ActiveMQ
                }
            });
        }
    }
}
