package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * mpop in "leave mail on server" mode (--keep=on, UIDLs remembered in a file): each run fetches exactly the
 * messages it has not fetched before, which needs UIDs that are stable across sessions. Over STLS (110) and
 * over implicit TLS (995).
 */
class LeaveOnServerIT {
    private static final String PASSWORD = "keep-secret-1";

    @RegisterExtension
    static final Distribution DIST = Distribution.create();

    @BeforeAll
    static void start() {
        Clients.require("mpop", "swaks", "curl");
        DIST.start();
    }

    @Test
    void mpopOverStlsFetchesOnlyNewMessages(@TempDir Path work) {
        leaveOnServerScenario("dora@keep.kotak.test", false, work);
    }

    @Test
    void mpopOverImplicitTlsFetchesOnlyNewMessages(@TempDir Path work) {
        leaveOnServerScenario("erin@keep-tls.kotak.test", true, work);
    }

    private static void leaveOnServerScenario(String user, boolean implicitTls, Path work) {
        DIST.webAdmin().addDomainAndUser(user, PASSWORD);
        Clients.Mpop mpop = new Clients.Mpop(DIST, user, PASSWORD, work).auth("user");
        if (implicitTls) {
            mpop.overImplicitTls();
        }

        deliver(user, "first batch", 3);
        assertThat(mpop.run()).as("messages fetched by the first run").isEqualTo(3);
        assertThat(mpop.run()).as("messages fetched by the second run (nothing new)").isZero();

        deliver(user, "second batch", 5);
        assertThat(mpop.run()).as("messages fetched by the third run (2 new)").isEqualTo(2);
        assertThat(mpop.subjects()).as("subjects fetched in all")
                .containsExactlyInAnyOrder("first batch 1", "first batch 2", "first batch 3", "second batch 4",
                        "second batch 5");
        // Leave on server: nothing was deleted.
        assertThat(Clients.pop3List(DIST, false, user, PASSWORD)).as("messages still on the server").hasSize(5);
    }

    /** Sends messages up to number {@code upTo} (numbering continues across batches) and waits for delivery. */
    private static void deliver(String user, String batch, int upTo) {
        int already = Clients.pop3List(DIST, false, user, PASSWORD).size();
        for (int i = already + 1; i <= upTo; i++) {
            Clients.swaks(DIST, "sender@elsewhere.example", user, batch + " " + i, "Message " + i + " of " + batch);
        }
        await("delivery of " + upTo + " messages to " + user).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(Clients.pop3List(DIST, false, user, PASSWORD)).hasSize(upTo));
    }
}
