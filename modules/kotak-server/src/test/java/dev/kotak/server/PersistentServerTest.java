package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/**
 * The whole server on each supported database: mail in over SMTP, out over POP3 (STLS and implicit TLS) and
 * IMAP SEARCH, counted by the quota, and all of it still there after a restart.
 */
class PersistentServerTest {
    private static final String USER = "alice@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.class)
    void mailUsersAndDomainsSurviveARestart(Database database) throws Exception {
        try (TestServer server = TestServer.on(database).start()) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);

            server.mail().send("bob@sender.test", USER, "first persistent message", "hello 1");
            server.mail().send("bob@sender.test", USER, "second persistent message", "hello 2");
            Eventually.assertThat(() -> server.webAdmin().quotaCount(USER), 2L);

            List<String> overStls = server.mail().pop3Retrieve(USER, PASSWORD, false);
            // The spool delivers concurrently: arrival order in the mailbox is not the sending order.
            assertThat(overStls).hasSize(2)
                .anySatisfy(message -> assertThat(message).contains("Subject: first persistent message").contains("hello 1"))
                .anySatisfy(message -> assertThat(message).contains("Subject: second persistent message").contains("hello 2"));
            assertThat(server.mail().pop3Retrieve(USER, PASSWORD, true)).hasSize(2);
            assertThat(server.mail().imapSearchSubject(USER, PASSWORD, "persistent")).isEqualTo(2);

            server.restart();

            assertThat(server.webAdmin().userExists(USER)).isTrue();
            assertThat(server.webAdmin().quotaCount(USER)).isEqualTo(2L);
            assertThat(server.mail().pop3Retrieve(USER, PASSWORD, true))
                .hasSize(2)
                .anySatisfy(message -> assertThat(message).contains("second persistent message"));
            assertThat(server.mail().imapSearchSubject(USER, PASSWORD, "second")).isEqualTo(1);
            assertThat(server.webAdmin().send("POST", "/servers?reload-certificate", "").statusCode())
                .as("a renewed certificate is installed without a restart")
                .isEqualTo(204);
        }
    }
}
