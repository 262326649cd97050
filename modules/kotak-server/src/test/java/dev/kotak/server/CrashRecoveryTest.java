package dev.kotak.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/**
 * After an unclean stop the server rebuilds what mailbox listeners maintain. The crash is simulated by what it
 * leaves on disk: the run marker still present and a search index that lost its recent documents (here: all of
 * them). The real {@code kill -9} is exercised by the distribution's end-to-end tests.
 */
class CrashRecoveryTest {
    private static final String USER = "erin@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";

    @Test
    void anUncleanStopRebuildsTheSearchIndexAndQuotas() throws Exception {
        try (TestServer server = TestServer.on(Database.DERBY).start()) {
            server.webAdmin().addDomain("example.org");
            server.webAdmin().addUser(USER, PASSWORD);
            for (int i = 0; i < 5; i++) {
                server.mail().send("frank@sender.test", USER, "recoverable " + i, "body " + i);
            }
            Eventually.assertThat(() -> server.mail().imapSearchSubject(USER, PASSWORD, "recoverable"), 5);
            server.stop();

            Path root = server.home().root();
            assertThat(root.resolve("var/kotak.running")).as("a graceful stop removes the run marker").doesNotExist();
            deleteRecursively(root.resolve("var/store/lucene"));
            Files.writeString(root.resolve("var/kotak.running"), "pid 0 (simulated crash)\n");

            server.start();

            assertThat(server.mail().imapSearchSubject(USER, PASSWORD, "recoverable"))
                .as("the index is rebuilt before the server reports started")
                .isEqualTo(5);
            assertThat(server.webAdmin().quotaCount(USER)).isEqualTo(5L);
            assertThat(server.webAdmin().json("GET", "/tasks?status=completed").toString())
                .as("recovery ran as ordinary, visible James tasks")
                .contains("full-reindexing")
                .contains("recompute-current-quotas");
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
