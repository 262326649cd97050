package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * POP3 retention policies (docs/retention.md) on the packaged distribution, driven by real clients: mpop and
 * fetchmail as two devices of one user, the "my laptop broke" restore through WebAdmin, and a sweep seen as a James
 * task and in {@code /metrics}. The copy's {@code conf/retention.xml} is this class's own; every test has its own
 * domain, hence its own policy, and its own users.
 */
class RetentionIT {
    private static final String PASSWORD = "retention-secret-1";

    private static final String RETENTION_XML = String.join("\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<retention>",
        "    <!-- Sweeps run on demand only (WebAdmin), so that nothing removes mail behind a test's back. -->",
        "    <sweeper enabled=\"false\"/>",
        "    <policies>",
        "        <policy name=\"phone-and-laptop\">",
        "            <devices unknown=\"reject\">",
        "                <device name=\"phone\"><onDelete action=\"hide-from-device\"/></device>",
        "                <device name=\"laptop\"><onDelete action=\"expunge\"/></device>",
        "            </devices>",
        "        </policy>",
        "        <policy name=\"restorable\">",
        "            <onDelete action=\"hide\"/>",
        "            <expire hidden=\"1d\"/>",
        "        </policy>",
        "        <policy name=\"read-and-hide\">",
        "            <onRetrieve action=\"seen\"/>",
        "            <onDelete action=\"hide\"/>",
        "        </policy>",
        "        <policy name=\"expire-fast\">",
        "            <expire unretrieved=\"2s\"/>",
        "        </policy>",
        "    </policies>",
        "    <assignments default=\"rfc1939\">",
        "        <domain name=\"devices.kotak.test\" policy=\"phone-and-laptop\"/>",
        "        <domain name=\"restore.kotak.test\" policy=\"restorable\"/>",
        "        <domain name=\"expire.kotak.test\" policy=\"expire-fast\"/>",
        "        <domain name=\"journal.kotak.test\" policy=\"read-and-hide\"/>",
        "    </assignments>",
        "</retention>",
        "");

    @RegisterExtension
    static final Distribution DIST = Distribution.withConf("retention",
        conf -> Retention.writeRetentionXml(conf, RETENTION_XML));

    @BeforeAll
    static void start() {
        Clients.require("mpop", "fetchmail", "swaks", "curl");
        DIST.start();
    }

    // ---------------------------------------------------------------------------------------- two devices

    /**
     * Recipe "phone reads, desktop deletes": fetchmail is the phone ({@code user#phone}, DELE hides from the phone
     * only), mpop the laptop ({@code user#laptop}, DELE expunges).
     */
    @Test
    void aDeleteOnThePhoneHidesFromThePhoneOnlyAndADeleteOnTheLaptopExpunges(@TempDir Path work) throws Exception {
        String user = "ann@devices.kotak.test";
        Retention.newUser(DIST, user, PASSWORD);
        Clients.deliver(DIST, user, "devices", 3);

        Clients.Fetchmail phone = new Clients.Fetchmail(DIST, user + "#phone", PASSWORD, false, work.resolve("phone"));
        assertThat(phone.run()).as("messages the phone (fetchmail, delete mode) fetched: %s", phone.last())
            .isEqualTo(3);
        assertThat(phone.sent("DELE")).as("fetchmail's DELEs: %s", phone.last()).hasSize(3);
        assertThat(phone.subjects()).containsExactlyInAnyOrder("devices 1", "devices 2", "devices 3");
        assertThat(phone.run()).as("the phone's next session: nothing left for the phone: %s", phone.last())
            .isZero();
        assertThat(Clients.pop3List(DIST, false, user + "#phone", PASSWORD)).as("LIST as %s#phone", user)
            .isEmpty();
        assertThat(DIST.webAdmin().inboxCount(user)).as("INBOX after the phone's DELEs (hide-from-device)")
            .isEqualTo(3);
        assertThat(DIST.countAuditLines("action=hidden user=" + user + " ", "device=phone"))
            .as("audit events of the phone's DELEs in logs/audit.log").isEqualTo(3);
        assertThat(DIST.countLogLines("user=" + user + " messageId=")).as("audit events repeated in logs/james.log")
            .isZero();
        assertThat(Clients.imapInbox(DIST, user, PASSWORD, "devices").messageCount).as("INBOX over IMAP")
            .isEqualTo(3);

        Clients.Mpop laptop = new Clients.Mpop(DIST, user + "#laptop", PASSWORD, work.resolve("laptop"));
        assertThat(laptop.run(true)).as("the laptop (mpop, leave on server) still gets every message: %s",
            laptop.last()).isEqualTo(3);
        assertThat(laptop.subjects()).containsExactlyInAnyOrder("devices 1", "devices 2", "devices 3");
        assertThat(laptop.run(true)).as("the laptop's second run, nothing new: %s", laptop.last()).isZero();
        assertThat(DIST.webAdmin().inboxCount(user)).as("INBOX after the laptop's leave-on-server runs")
            .isEqualTo(3);

        assertThat(laptop.run(false)).as("the laptop in delete mode, nothing new: %s", laptop.last()).isZero();
        assertThat(laptop.sent("DELE")).as("mpop deletes what it retrieved before: %s", laptop.last()).hasSize(3);
        assertThat(DIST.webAdmin().inboxCount(user)).as("INBOX after the laptop's DELEs (expunge): %s",
            laptop.last()).isZero();
        assertThat(Clients.pop3List(DIST, false, user + "#phone", PASSWORD)).as("LIST as the phone").isEmpty();
        assertThat(phone.run()).as("the phone finds nothing either: %s", phone.last()).isZero();
    }

    // --------------------------------------------------------------------------------- kill -9 after QUIT

    /**
     * QUIT answers once its marks are journaled and adds them right after: a {@code kill -9} as soon as fetchmail
     * has its {@code +OK} (the marks journaled, in place, or half-way) must not let the hidden mail come back.
     */
    @Test
    void aKillNineRightAfterQuitKeepsWhatTheSessionHid(@TempDir Path work) throws Exception {
        String user = "kim@journal.kotak.test";
        Retention.newUser(DIST, user, PASSWORD);
        Clients.deliver(DIST, user, "journal", 3);

        Clients.Fetchmail phone = new Clients.Fetchmail(DIST, user, PASSWORD, false, work.resolve("phone"));
        assertThat(phone.run()).as("fetchmail in delete mode: %s", phone.last()).isEqualTo(3);
        DIST.killHard();
        DIST.start();

        assertThat(phone.run()).as("after the restart, the hidden mail stays hidden: %s", phone.last()).isZero();
        assertThat(Clients.pop3List(DIST, false, user, PASSWORD)).as("LIST after the restart").isEmpty();
        Clients.Inbox inbox = Clients.imapInbox(DIST, user, PASSWORD, "journal");
        assertThat(inbox.messageCount).as("INBOX over IMAP: hidden, not expunged").isEqualTo(3);
        assertThat(inbox.unread).as("retrieved messages are read (onRetrieve seen)").isZero();
    }

    // -------------------------------------------------------------------------------------- my laptop broke

    /**
     * Recipe "restorable": a DELE only hides; {@code POST /kotak/retention/users/{user}/restore} makes the mail
     * visible again, under the same UIDLs: a new laptop (empty UIDL file) downloads everything, a desktop that had
     * downloaded it in leave-on-server mode downloads nothing new.
     */
    @Test
    void aRestoreBringsHiddenMailBackForANewClientAndNotForAnOldOne(@TempDir Path work) throws Exception {
        String user = "ben@restore.kotak.test";
        Retention.newUser(DIST, user, PASSWORD);
        Clients.deliver(DIST, user, "restore", 3);
        List<String> uidlsBefore = Clients.pop3Uidls(DIST, user, PASSWORD);
        assertThat(uidlsBefore).as("UIDLs of the 3 messages").hasSize(3);
        List<String> subjects = List.of("restore 1", "restore 2", "restore 3");

        Clients.Mpop desktop = new Clients.Mpop(DIST, user, PASSWORD, work.resolve("desktop"));
        assertThat(desktop.run(true)).as("the desktop (leave on server): %s", desktop.last()).isEqualTo(3);

        Clients.Mpop laptop = new Clients.Mpop(DIST, user, PASSWORD, work.resolve("laptop"));
        Instant beforeHide = Instant.now();
        assertThat(laptop.run(false)).as("the laptop (delete mode): %s", laptop.last()).isEqualTo(3);
        Instant afterHide = Instant.now();
        assertThat(laptop.sent("DELE")).as("mpop's DELEs: %s", laptop.last()).hasSize(3);
        assertThat(laptop.subjects()).containsExactlyInAnyOrderElementsOf(subjects);
        // The laptop breaks. Its DELEs hid the mail from every POP3 client; the server kept it.
        assertThat(DIST.webAdmin().inboxCount(user)).as("INBOX after DELE with onDelete hide").isEqualTo(3);
        assertThat(Clients.pop3List(DIST, false, user, PASSWORD)).as("what any POP3 client lists now").isEmpty();
        JsonNode hidden = DIST.webAdmin().retentionDryRun(user);
        assertThat(hidden.path("messages")).as("dry run while hidden: %s", hidden).hasSize(3).allSatisfy(message -> {
            assertThat(message.path("outcome").asText()).as("%s", message).isEqualTo("keep");
            assertThat(message.path("rule").asText()).as("%s", message).isEqualTo("expire.hidden");
            Instant removableAt = Instant.parse(message.path("removableAt").asText());
            // Hidden at QUIT, removable one day later (second precision: the keyword holds epoch seconds).
            assertThat(removableAt).as("removableAt of %s", message)
                .isBetween(beforeHide.plus(Duration.ofDays(1)).minusSeconds(1),
                    afterHide.plus(Duration.ofDays(1)).plusSeconds(1));
        });

        double restoredMetric = DIST.webAdmin().dropwizardMetric("kotak_retention_restored");
        assertThat(DIST.webAdmin().restoreHidden(user, "")).as("messages restored").isEqualTo(3);
        assertThat(DIST.webAdmin().dropwizardMetric("kotak_retention_restored"))
            .as("kotak_retention_restored_total").isEqualTo(restoredMetric + 3);
        assertThat(DIST.webAdmin().restoreHidden(user, "")).as("a second restore finds nothing hidden").isZero();
        assertThat(Clients.pop3Uidls(DIST, user, PASSWORD)).as("UIDLs after the restore")
            .containsExactlyElementsOf(uidlsBefore);
        JsonNode restored = DIST.webAdmin().retentionDryRun(user);
        assertThat(restored.path("messages")).as("dry run after the restore: %s", restored).hasSize(3)
            .allSatisfy(message -> {
                assertThat(message.path("outcome").asText()).as("%s", message).isEqualTo("keep");
                assertThat(message.path("rule").isNull()).as("no rule removes restored mail: %s", message).isTrue();
            });

        Clients.Mpop newLaptop = new Clients.Mpop(DIST, user, PASSWORD, work.resolve("new-laptop"));
        assertThat(newLaptop.run(true)).as("the new laptop (empty UIDL file): %s", newLaptop.last()).isEqualTo(3);
        assertThat(newLaptop.subjects()).containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(desktop.run(true)).as("the desktop, whose UIDL file has these UIDLs: %s", desktop.last()).isZero();
        assertThat(desktop.subjects()).as("everything the desktop ever fetched").containsExactlyInAnyOrderElementsOf(
            subjects);
        assertThat(DIST.webAdmin().inboxCount(user)).as("INBOX at the end").isEqualTo(3);
    }

    // ------------------------------------------------------------------------------------ a sweep as a task

    /** A real sweep is a James task of type kotak-retention-sweep with its report, and counts in /metrics. */
    @Test
    void aSweepIsATaskWithItsReportAndCountsExpiredMessagesInMetrics() {
        String user = "cid@expire.kotak.test";
        Retention.newUser(DIST, user, PASSWORD);
        Clients.deliver(DIST, user, "expire", 2);
        Retention.awaitRemovable(DIST, user, "expire.unretrieved", 2);
        double expired = DIST.webAdmin().dropwizardMetric("kotak_retention_expired");
        double sweeps = DIST.webAdmin().dropwizardMetric("kotak_retention_sweeps");

        String taskId = DIST.webAdmin().startRetentionSweep("user=" + user + "&usersPerSecond=50");
        JsonNode task = DIST.webAdmin().awaitTask(taskId, Duration.ofSeconds(60));
        Retention.assertSweepTask(task, "completed");
        JsonNode info = task.path("additionalInformation");
        assertThat(info.path("scope").asText()).as("scope in %s", task).isEqualTo("user " + user);
        assertThat(info.path("dryRun").asBoolean(true)).as("dryRun in %s", task).isFalse();
        assertThat(info.path("usersPerSecond").asInt()).as("usersPerSecond in %s", task).isEqualTo(50);
        assertThat(info.path("usersProcessed").asLong()).as("usersProcessed in %s", task).isEqualTo(1);
        assertThat(info.path("usersFailed").asLong()).as("usersFailed in %s", task).isZero();
        assertThat(info.path("messagesExamined").asLong()).as("messagesExamined in %s", task).isEqualTo(2);
        assertThat(Retention.rules(info.path("removedByRule"))).as("removedByRule in %s", task)
            .containsExactly(Map.entry("expire.unretrieved", 2L));
        assertThat(Retention.rules(info.path("heldByRule"))).as("heldByRule in %s", task).isEmpty();
        assertThat(info.path("failedUsers")).as("failedUsers in %s", task).isEmpty();

        assertThat(DIST.webAdmin().inboxCount(user)).as("INBOX after the sweep").isZero();
        assertThat(DIST.webAdmin().dropwizardMetric("kotak_retention_expired"))
            .as("kotak_retention_expired_total").isEqualTo(expired + 2);
        assertThat(DIST.webAdmin().dropwizardMetric("kotak_retention_sweeps"))
            .as("kotak_retention_sweeps_total").isEqualTo(sweeps + 1);
    }

    /**
     * The retention counters are at {@code /metrics} under the names the runtime documentation gives
     * ({@code kotak_retention_expired_total}, {@code kotak_retention_sweeps_total}): the names a scrape config or
     * an alert is written with.
     */
    @Test
    void retentionCountersAreExportedUnderTheirDocumentedNames() {
        String user = "dee@expire.kotak.test";
        Retention.newUser(DIST, user, PASSWORD);
        Clients.deliver(DIST, user, "metrics", 1);
        Retention.awaitRemovable(DIST, user, "expire.unretrieved", 1);
        String taskId = DIST.webAdmin().startRetentionSweep("user=" + user);
        Retention.assertSweepTask(DIST.webAdmin().awaitTask(taskId, Duration.ofSeconds(60)), "completed");

        String metrics = DIST.webAdmin().metrics();
        List<String> kotak = metrics.lines().filter(line -> line.contains("kotak_retention"))
            .collect(Collectors.toList());
        assertThat(DIST.webAdmin().metric("kotak_retention_expired_total"))
            .as("sample kotak_retention_expired_total in /metrics after a sweep that expired a message; its "
                + "kotak_retention lines:%n%s", String.join("\n", kotak)).isPresent();
        assertThat(DIST.webAdmin().metric("kotak_retention_sweeps_total"))
            .as("sample kotak_retention_sweeps_total in /metrics after a sweep; its kotak_retention lines:%n%s",
                String.join("\n", kotak)).isPresent();
    }
}
