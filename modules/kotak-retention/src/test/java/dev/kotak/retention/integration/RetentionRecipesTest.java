package dev.kotak.retention.integration;

import static dev.kotak.retention.integration.RetentionServer.PASSWORD;
import static dev.kotak.retention.integration.RetentionServer.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kotak.pop3.conformance.Pop3Connection;
import dev.kotak.server.testing.Database;

/**
 * The recipes of docs/retention.md on our JPA server, over the wire: each user of the test retention.xml follows
 * one recipe. Time passes through the injected clock; sweeps run through WebAdmin as an operator would run them.
 * Each test uses its own users, so the order of tests does not matter.
 */
class RetentionRecipesTest {
    private static final String RETENTION_XML = String.join("\n",
        "<retention>",
        "  <sweeper enabled=\"false\"/>",
        "  <policies>",
        "    <policy name=\"mark-read\"><onRetrieve action=\"seen\"/></policy>",
        "    <policy name=\"leave-14d\">",
        "      <expire retrieved=\"14d\" unretrieved=\"60d\"/>",
        "    </policy>",
        "    <policy name=\"phone-reads-desktop-deletes\">",
        "      <devices unknown=\"reject\">",
        "        <device name=\"phone\"><onDelete action=\"hide-from-device\"/></device>",
        "        <device name=\"desktop\"><onDelete action=\"expunge\"/></device>",
        "      </devices>",
        "    </policy>",
        "    <policy name=\"privacy\"><onRetrieve action=\"delete\"/></policy>",
        "    <policy name=\"gdpr-90d\"><expire maxAge=\"90d\"/></policy>",
        "    <policy name=\"laptop-safety-net\">",
        "      <onDelete action=\"hide\"/>",
        "      <expire hidden=\"30d\"/>",
        "    </policy>",
        "    <policy name=\"slow-polling\" extends=\"mark-read\"><loginDelay value=\"10m\"/></policy>",
        "    <policy name=\"archive\"><onRetrieve action=\"move\" folder=\"POP3 Archive\"/></policy>",
        "    <policy name=\"recent\"><view newerThan=\"1d\" maxMessages=\"2\"/></policy>",
        "    <policy name=\"every-device\">",
        "      <expire retrieved=\"30d\"/>",
        "      <devices keepUntilAllRetrieved=\"true\">",
        "        <device name=\"phone\"/><device name=\"laptop\"/>",
        "      </devices>",
        "    </policy>",
        "  </policies>",
        "  <assignments default=\"rfc1939\">",
        "    <user name=\"markread@example.org\" policy=\"mark-read\"/>",
        "    <user name=\"leave@example.org\" policy=\"leave-14d\"/>",
        "    <user name=\"devices@example.org\" policy=\"phone-reads-desktop-deletes\"/>",
        "    <user name=\"privacy@example.org\" policy=\"privacy\"/>",
        "    <user name=\"gdpr@example.org\" policy=\"gdpr-90d\"/>",
        "    <user name=\"laptop@example.org\" policy=\"laptop-safety-net\"/>",
        "    <user name=\"held@example.org\" policy=\"leave-14d\"/>",
        "    <user name=\"explain@example.org\" policy=\"leave-14d\"/>",
        "    <user name=\"slow@example.org\" policy=\"slow-polling\"/>",
        "    <user name=\"archive@example.org\" policy=\"archive\"/>",
        "    <user name=\"recent@example.org\" policy=\"recent\"/>",
        "    <user name=\"everydevice@example.org\" policy=\"every-device\"/>",
        "  </assignments>",
        "  <holds>",
        "    <hold user=\"held@example.org\" reason=\"Case 2026-17\" owner=\"legal@example.org\"/>",
        "  </holds>",
        "</retention>");

    private static RetentionServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RetentionServer.start(Database.DERBY, RETENTION_XML);
    }

    @BeforeEach
    void now() {
        // Tests share the server but not its time: each starts at the wall clock.
        server.clock().reset();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void markAsReadSetsSeenForImapOnlyWhenTheSessionQuits() {
        String user = "markread@example.org";
        server.createUser(user);
        server.deliver(user, "markread", 3);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            // fetchmail's way of downloading: a TOP that returns the whole message is a retrieval too.
            pop3.multiLine("TOP 2 99999999");
            pop3.multiLine("TOP 3 0");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        // QUIT journals the marks and answers; they are on the messages a moment later.
        await().untilAsserted(() -> assertThat(server.imap().messages(user, PASSWORD, "INBOX"))
            .extracting(ImapProbe.Seen::isRead).containsExactly(true, true, false));
        assertThat(server.inboxCount(user)).isEqualTo(3);
    }

    @Test
    void aDroppedConnectionChangesNothing() {
        String user = "markread@example.org".replace("markread", "dropped");
        server.createUser(user);
        server.deliver(user, "dropped", 2);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("DELE 2").expectStartingWith("+OK");
            // no QUIT: the connection closes
        }
        assertThat(server.inboxCount(user)).isEqualTo(2);
        assertThat(server.uidls(user)).hasSize(2);
    }

    @Test
    void leaveOnServerFourteenDaysAfterDownload() throws Exception {
        String user = "leave@example.org";
        server.createUser(user);
        server.deliver(user, "leave", 2);
        try (Pop3Connection pop3 = server.pop3(user + "#laptop")) {
            assertThat(pop3.multiLine("CAPA")).contains("EXPIRE 14");
            pop3.multiLine("RETR 1");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        // The retrieval is recorded (expire.retrieved reads it), the device is not (only keepUntilAllRetrieved would).
        await().untilAsserted(() -> {
            List<ImapProbe.Seen> marked = server.imap().messages(user, PASSWORD, "INBOX");
            assertThat(marked.get(0).flags.getUserFlags()).as("%s", marked).hasSize(1)
                .allMatch(keyword -> keyword.startsWith("$KotakRetrieved."));
            assertThat(marked.get(1).flags.getUserFlags()).as("%s", marked).isEmpty();
        });
        server.clock().advance(days(13));
        server.sweep("user=" + RetentionServer.encode(user));
        assertThat(server.inboxCount(user)).isEqualTo(2);

        server.clock().advance(days(2));
        JsonNode dryRun = server.get("/kotak/retention/users/" + user + "/dry-run");
        assertThat(dryRun.path("toRemove").path("expire.retrieved").asLong()).isEqualTo(1);
        JsonNode task = server.sweep("user=" + RetentionServer.encode(user));
        assertThat(task.path("additionalInformation").path("removedByRule").path("expire.retrieved").asLong()).isEqualTo(1);
        assertThat(server.inboxCount(user)).isEqualTo(1);
        assertThat(server.imap().messages(user, PASSWORD, "INBOX")).extracting(seen -> seen.subject)
            .containsExactly("leave 2");
        server.clock().advance(days(60));
        server.sweep("user=" + RetentionServer.encode(user));
        assertThat(server.inboxCount(user)).isZero();
    }

    @Test
    void phoneReadsDesktopDeletes() {
        String user = "devices@example.org";
        server.createUser(user);
        server.deliver(user, "devices", 2);
        try (Pop3Connection phone = server.pop3(user + "#phone")) {
            phone.multiLine("RETR 1");
            phone.send("DELE 1").expectStartingWith("+OK");
            phone.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.uidls(user + "#phone")).hasSize(1);
        assertThat(server.uidls(user + "#desktop")).hasSize(2);
        assertThat(server.inboxCount(user)).isEqualTo(2);
        try (Pop3Connection desktop = server.pop3(user + "#desktop")) {
            desktop.send("DELE 1").expectStartingWith("+OK");
            desktop.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.inboxCount(user)).isEqualTo(1);
        assertThat(server.uidls(user + "#phone")).hasSize(1);
    }

    @Test
    void unknownDevicesAreRefusedWhenThePolicySaysSo() {
        String user = "devices@example.org";
        try (Pop3Connection pop3 = Pop3Connection.openTls("127.0.0.1", server.server().home().port(995))) {
            pop3.expectStartingWith("+OK");
            pop3.send("USER " + user + "#tablet").expectStartingWith("+OK");
            pop3.send("PASS " + PASSWORD).expectStartingWith("-ERR [AUTH]");
        }
    }

    @Test
    void deleteOnTheServerOnceDownloaded() {
        String user = "privacy@example.org";
        server.createUser(user);
        server.deliver(user, "privacy", 2);
        try (Pop3Connection pop3 = server.pop3(user)) {
            assertThat(pop3.multiLine("CAPA")).contains("EXPIRE 0");
            pop3.multiLine("RETR 2");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.imap().messages(user, PASSWORD, "INBOX")).extracting(seen -> seen.subject)
            .containsExactly("privacy 1");
    }

    @Test
    void retrievedMessagesMoveToAFolder() {
        String user = "archive@example.org";
        server.createUser(user);
        server.deliver(user, "archive", 2);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.imap().messages(user, PASSWORD, "INBOX")).extracting(seen -> seen.subject)
            .containsExactly("archive 2");
        assertThat(server.imap().messages(user, PASSWORD, "POP3 Archive")).extracting(seen -> seen.subject)
            .containsExactly("archive 1");
    }

    @Test
    void gdprNothingOlderThanNinetyDaysInAnyFolder() throws Exception {
        String user = "gdpr@example.org";
        server.createUser(user);
        server.deliver(user, "gdpr", 2);
        server.clock().advance(days(89));
        server.sweep("user=" + RetentionServer.encode(user));
        assertThat(server.inboxCount(user)).isEqualTo(2);
        server.clock().advance(days(2));
        server.sweep("user=" + RetentionServer.encode(user));
        assertThat(server.inboxCount(user)).isZero();
    }

    @Test
    void myLaptopBrokeRestoresHiddenMessages() throws Exception {
        String user = "laptop@example.org";
        server.createUser(user);
        server.deliver(user, "laptop", 3);
        List<String> before = server.uidls(user);
        try (Pop3Connection pop3 = server.pop3(user)) {
            for (int i = 1; i <= 3; i++) {
                pop3.multiLine("RETR " + i);
                pop3.send("DELE " + i).expectStartingWith("+OK");
            }
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.uidls(user)).isEmpty();
        assertThat(server.inboxCount(user)).isEqualTo(3);

        assertThat(server.send("POST", "/kotak/retention/users/" + user + "/restore", "").body())
            .contains("\"restored\":3");
        assertThat(server.uidls(user)).isEqualTo(before);
        assertThat(server.send("POST", "/kotak/retention/users/" + user + "/restore", "").body())
            .contains("\"restored\":0");

        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        server.clock().advance(days(31));
        JsonNode task = server.sweep("user=" + RetentionServer.encode(user));
        assertThat(task.path("additionalInformation").path("removedByRule").path("expire.hidden").asLong()).isEqualTo(1);
        assertThat(server.inboxCount(user)).isEqualTo(2);
    }

    @Test
    void aLegalHoldTurnsDeleIntoHideAndStopsExpiry() throws Exception {
        String user = "held@example.org";
        server.createUser(user);
        server.deliver(user, "held", 2);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.uidls(user)).hasSize(1);
        assertThat(server.inboxCount(user)).isEqualTo(2);
        server.clock().advance(days(100));
        JsonNode dryRun = server.get("/kotak/retention/users/" + user + "/dry-run");
        assertThat(dryRun.path("toRemove").size()).isZero();
        assertThat(dryRun.path("heldBack").path("expire.retrieved").asLong()).isEqualTo(1);
        assertThat(dryRun.path("heldBack").path("expire.unretrieved").asLong()).isEqualTo(1);
        assertThat(dryRun.path("holds").get(0).path("reason").asText()).isEqualTo("Case 2026-17");
        assertThat(dryRun.path("messages").findValuesAsText("outcome")).containsOnly("held");
        JsonNode everyone = server.sweep("dryRun=true");
        assertThat(everyone.path("additionalInformation").path("heldByRule").path("expire.retrieved").asLong())
            .isGreaterThanOrEqualTo(1);
        server.sweep("user=" + RetentionServer.encode(user));
        assertThat(server.inboxCount(user)).isEqualTo(2);
        JsonNode effective = server.get("/kotak/retention/users/" + user);
        assertThat(effective.path("holds").get(0).path("reason").asText()).isEqualTo("Case 2026-17");
        assertThat(effective.path("holds").get(0).path("active").asBoolean()).isTrue();
    }

    @Test
    void loginDelayIsAdvertisedAndEnforcedPerDevice() {
        String user = "slow@example.org";
        server.createUser(user);
        try (Pop3Connection pop3 = server.pop3(user)) {
            assertThat(pop3.multiLine("CAPA")).contains("LOGIN-DELAY 600");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        try (Pop3Connection pop3 = Pop3Connection.openTls("127.0.0.1", server.server().home().port(995))) {
            pop3.expectStartingWith("+OK");
            assertThat(pop3.multiLine("CAPA")).anyMatch(line -> line.startsWith("LOGIN-DELAY ") && line.endsWith(" USER"));
            pop3.send("USER " + user).expectStartingWith("+OK");
            pop3.send("PASS " + PASSWORD).expectStartingWith("-ERR [LOGIN-DELAY]");
        }
        server.pop3(user + "#other").close();
        server.clock().advance(Duration.ofMinutes(11));
        server.pop3(user).close();
    }

    @Test
    void theEffectivePolicyExplainsEveryValue() {
        String user = "explain@example.org";
        server.createUser(user);
        JsonNode effective = server.get("/kotak/retention/users/" + user);
        assertThat(effective.path("policy").asText()).isEqualTo("leave-14d");
        assertThat(effective.path("assignment").asText()).contains(user);
        assertThat(effective.path("values").path("expire.retrieved").path("value").asText()).isEqualTo("14d");
        assertThat(effective.path("values").path("expire.retrieved").path("origin").asText()).isEqualTo("leave-14d");
        List<String> capabilities = java.util.stream.StreamSupport.stream(effective.path("capabilities").spliterator(), false)
            .map(JsonNode::asText).collect(Collectors.toList());
        assertThat(capabilities).contains("EXPIRE 14");
    }

    @Test
    void theAccessWindowListsOnlyRecentMailAndAtMostSoMany() {
        String user = "recent@example.org";
        server.createUser(user);
        server.deliver(user, "recent", 3);
        assertThat(server.uidls(user)).hasSize(2).allMatch(line -> line.startsWith("1 ") || line.startsWith("2 "));
        server.clock().advance(days(2));
        assertThat(server.uidls(user)).isEmpty();
        assertThat(server.inboxCount(user)).isEqualTo(3);
    }

    @Test
    void mailStaysUntilEveryRegisteredDeviceHasIt() throws Exception {
        String user = "everydevice@example.org";
        server.createUser(user);
        server.deliver(user, "everydevice", 2);
        try (Pop3Connection phone = server.pop3(user + "#phone")) {
            phone.multiLine("RETR 1");
            phone.multiLine("RETR 2");
            phone.send("QUIT").expectStartingWith("+OK");
        }
        server.sweep("user=" + RetentionServer.encode(user));
        assertThat(server.inboxCount(user)).isEqualTo(2);
        try (Pop3Connection laptop = server.pop3(user + "#laptop")) {
            assertThat(laptop.multiLine("CAPA")).contains("EXPIRE 0");
            laptop.multiLine("RETR 2");
            laptop.send("QUIT").expectStartingWith("+OK");
        }
        JsonNode task = server.sweep("user=" + RetentionServer.encode(user));
        assertThat(task.path("additionalInformation").path("removedByRule").path("devices.keepUntilAllRetrieved")
            .asLong()).isEqualTo(1);
        assertThat(server.imap().messages(user, PASSWORD, "INBOX")).extracting(seen -> seen.subject)
            .containsExactly("everydevice 1");
    }
}
