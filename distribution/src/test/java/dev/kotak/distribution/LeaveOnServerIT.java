package dev.kotak.distribution;

import static dev.kotak.distribution.Clients.POP3;
import static dev.kotak.distribution.Clients.POP3S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

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
        Path mbox = work.resolve("mbox");
        Path uidls = work.resolve("uidls");
        try {
            Files.createFile(mbox);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        deliver(user, "first batch", 3);
        assertThat(mpop(user, implicitTls, mbox, uidls)).as("messages fetched by the first run").isEqualTo(3);
        assertThat(mpop(user, implicitTls, mbox, uidls)).as("messages fetched by the second run (nothing new)")
                .isZero();

        deliver(user, "second batch", 5);
        assertThat(mpop(user, implicitTls, mbox, uidls)).as("messages fetched by the third run (2 new)")
                .isEqualTo(2);
        assertThat(subjectsIn(mbox)).as("subjects fetched in all")
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

    /** Runs mpop once, asserting it exits 0; returns how many messages it appended to the mbox. */
    private static long mpop(String user, boolean implicitTls, Path mbox, Path uidls) {
        long before = fromLines(mbox);
        // --host: command-line settings only, no configuration file (~/.mpoprc) is read.
        Distribution.Result result = DIST.run(Distribution.COMMAND_TIMEOUT, List.of("mpop",
                "--host=127.0.0.1",
                "--port=" + DIST.port(implicitTls ? POP3S : POP3),
                "--timeout=60",
                "--tls=on",
                "--tls-starttls=" + (implicitTls ? "off" : "on"),
                "--tls-certcheck=off",
                "--auth=user",
                "--user=" + user,
                "--passwordeval=echo " + PASSWORD,
                "--keep=on",
                "--only-new=on",
                "--received-header=off",
                "--uidls-file=" + uidls,
                "--delivery=mbox," + mbox));
        assertThat(result.exitCode).as("mpop: %s", result).isZero();
        return fromLines(mbox) - before;
    }

    /** Messages in an mbox: lines starting with "From " (mpop quotes such lines in bodies as ">From "). */
    private static long fromLines(Path mbox) {
        return lines(mbox).stream().filter(line -> line.startsWith("From ")).count();
    }

    private static List<String> subjectsIn(Path mbox) {
        return lines(mbox).stream().filter(line -> line.startsWith("Subject: "))
                .map(line -> line.substring("Subject: ".length()).trim()).collect(Collectors.toList());
    }

    private static List<String> lines(Path mbox) {
        try {
            return Files.readAllLines(mbox, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
