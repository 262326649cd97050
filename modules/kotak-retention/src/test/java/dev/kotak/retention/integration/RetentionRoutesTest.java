package dev.kotak.retention.integration;

import static dev.kotak.retention.integration.RetentionServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kotak.pop3.conformance.Pop3Connection;
import dev.kotak.retention.holds.HoldStore;
import dev.kotak.server.testing.Database;

/**
 * The operators' side: legal holds set through WebAdmin (and what they do to a DELE), restores per device, the
 * answers to bad requests, audit events and metrics; holds survive a restart because they live in the mail store.
 */
class RetentionRoutesTest {
    private static final String RETENTION_XML = String.join("\n",
        "<retention>",
        "  <sweeper interval=\"2s\" usersPerSecond=\"1000\"/>",
        "  <policies>",
        "    <policy name=\"devices\">",
        "      <devices>",
        "        <device name=\"phone\"><onDelete action=\"hide-from-device\"/></device>",
        "      </devices>",
        "    </policy>",
        "  </policies>",
        "  <assignments default=\"devices\"/>",
        "  <holds>",
        "    <hold user=\"xmlheld@example.org\" reason=\"Audit 7\" owner=\"audit@example.org\" until=\"2099-01-01\"/>",
        "  </holds>",
        "</retention>");

    private static RetentionServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RetentionServer.start(Database.DERBY, RETENTION_XML,
            binder -> binder.bind(HoldStore.class).to(UnreliableHoldStore.class));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void quitExpungesNothingWhenTheHoldsCannotBeRead() {
        String user = "unreadable-holds@example.org";
        server.createUser(user);
        server.deliver(user, "kept", 2);
        UnreliableHoldStore.FAILING.set(true);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            // A hold might exist: the expunge cannot be proven allowed, so nothing is removed (RFC 2449 SYS/TEMP).
            pop3.send("QUIT").expectStartingWith("-ERR [SYS/TEMP]");
            HttpResponse<String> holds = server.send("GET", "/kotak/retention/holds", "");
            assertThat(holds.statusCode()).as(holds.body()).isEqualTo(503);
            assertThat(holds.body()).contains("Legal holds cannot be read or written now").doesNotContain("at dev.kotak");
            HttpResponse<String> put = server.send("PUT", "/kotak/retention/holds/" + user,
                "{\"reason\": \"Case 9\", \"owner\": \"legal@example.org\"}");
            assertThat(put.statusCode()).as(put.body()).isEqualTo(503);
        } finally {
            UnreliableHoldStore.FAILING.set(false);
        }
        assertThat(server.inboxCount(user)).isEqualTo(2);
        assertThat(server.uidls(user)).hasSize(2);
    }

    /** How an audit line of a POP3 session starts: the session's protocol and client address. */
    private static final String POP3_CONTEXT = "protocol=POP3 ip=127.0.0.1 ";

    @Test
    void retrievalsAreAuditedWithTheMessageIdsTheSessionSentAndUnmarkedWhenNoRuleReadsThem() {
        String user = "audited@example.org";
        server.createUser(user);
        server.deliver(user, "audited", 3);
        try (AuditCapture audit = AuditCapture.attach(); Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.multiLine("TOP 2 99999999");
            pop3.send("DELE 3").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
            // 1 and 2 were sent, so their Message-IDs come from the session; 3 was not, so QUIT reads it.
            assertThat(audit.lines())
                .anyMatch(line -> line.startsWith(POP3_CONTEXT + "action=retrieved user=" + user)
                    && line.contains("messageId=<audited-1-"))
                .anyMatch(line -> line.startsWith(POP3_CONTEXT + "action=retrieved user=" + user)
                    && line.contains("messageId=<audited-2-"))
                .anyMatch(line -> line.startsWith(POP3_CONTEXT + "action=expunged user=" + user)
                    && line.contains("messageId=<audited-3-"))
                .noneMatch(line -> line.contains("user=" + user) && line.contains("messageId=-"));
        }
        // Policy "devices" has no lifetime, so no rule reads retrieval marks and QUIT wrote none.
        assertThat(server.imap().messages(user, PASSWORD, "INBOX"))
            .extracting(seen -> seen.subject).containsExactly("audited 1", "audited 2");
        assertThat(server.imap().messages(user, PASSWORD, "INBOX"))
            .allSatisfy(seen -> assertThat(seen.flags.getUserFlags()).as("%s", seen).isEmpty());
    }

    @Test
    void aWebAdminHoldTurnsDeleIntoHideUntilLiftedAndSurvivesARestart() throws Exception {
        String user = "held@example.org";
        server.createUser(user);
        server.deliver(user, "held", 2);
        HttpResponse<String> put = server.send("PUT", "/kotak/retention/holds/" + user,
            "{\"reason\": \"Case 42\", \"owner\": \"legal@example.org\", \"until\": \"2099-06-30\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);

        try (AuditCapture audit = AuditCapture.attach(); Pop3Connection pop3 = server.pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
            assertThat(audit.lines()).anyMatch(line -> line.startsWith(POP3_CONTEXT + "action=hidden user=" + user)
                && line.contains("rule=onDelete=expunge; legal hold") && line.contains("messageId=<held-1-")
                && line.contains("policy=devices"));
        }
        assertThat(server.inboxCount(user)).isEqualTo(2);
        assertThat(server.uidls(user)).hasSize(1);

        server.restart();
        JsonNode holds = server.get("/kotak/retention/holds/" + user);
        assertThat(holds.get(0).path("reason").asText()).isEqualTo("Case 42");
        assertThat(holds.get(0).path("until").asText()).isEqualTo("2099-06-30T00:00:00Z");
        assertThat(holds.get(0).path("source").asText()).isEqualTo("webadmin");
        assertThat(server.get("/kotak/retention/holds").toString()).contains("Audit 7", "Case 42");

        assertThat(server.send("DELETE", "/kotak/retention/holds/" + user, "").statusCode()).isEqualTo(204);
        assertThat(server.send("DELETE", "/kotak/retention/holds/" + user, "").statusCode()).isEqualTo(404);
        assertThat(server.send("GET", "/kotak/retention/holds/" + user, "").statusCode()).isEqualTo(404);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.inboxCount(user)).isEqualTo(1);
    }

    @Test
    void anXmlHoldIsLiftedInTheFileNotThroughWebAdmin() {
        HttpResponse<String> delete = server.send("DELETE", "/kotak/retention/holds/xmlheld@example.org", "");
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(delete.body()).contains("declared in retention.xml");
    }

    @Test
    void aRestoreForOneDeviceLeavesTheOtherDevicesHides() {
        String user = "devices@example.org";
        server.createUser(user);
        server.deliver(user, "devices", 2);
        try (Pop3Connection phone = server.pop3(user + "#phone")) {
            phone.send("DELE 1").expectStartingWith("+OK");
            phone.send("DELE 2").expectStartingWith("+OK");
            phone.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(server.uidls(user + "#phone")).isEmpty();
        assertThat(server.uidls(user + "#laptop")).hasSize(2);
        assertThat(server.send("POST", "/kotak/retention/users/" + user + "/restore?device=laptop", "").body())
            .contains("\"restored\":0");
        assertThat(server.send("POST", "/kotak/retention/users/" + user + "/restore?device=Phone", "").body())
            .contains("\"restored\":2");
        assertThat(server.uidls(user + "#phone")).hasSize(2);
    }

    @Test
    void badRequestsGetAClearAnswer() {
        server.createUser("someone@example.org");
        expect(404, "GET", "/kotak/retention/users/nobody@example.org", "", "does not exist");
        expect(400, "GET", "/kotak/retention/users/someone@example.org/dry-run?asOf=tomorrow", "",
            "asOf must be a date");
        expect(400, "POST", "/kotak/retention/sweep?user=a@example.org&domain=example.org", "", "not both");
        expect(400, "POST", "/kotak/retention/sweep?asOf=2030-01-01", "", "asOf needs dryRun=true");
        expect(400, "POST", "/kotak/retention/sweep?usersPerSecond=0", "", "usersPerSecond");
        expect(400, "POST", "/kotak/retention/users/someone@example.org/restore?device=bad%20name", "",
            "Invalid device name");
        expect(400, "PUT", "/kotak/retention/holds/someone@example.org", "{\"reason\": \"x\"}", "owner is required");
        expect(400, "PUT", "/kotak/retention/holds/someone@example.org", "not json", "JSON object");
        expect(400, "PUT", "/kotak/retention/holds/someone@example.org",
            "{\"reason\": \"x\", \"owner\": \"y\", \"until\": \"soon\"}", "until must be a date");
    }

    @Test
    void metricsCountWhatQuitDid() {
        String user = "metrics@example.org";
        server.createUser(user);
        server.deliver(user, "metrics", 1);
        try (Pop3Connection pop3 = server.pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        HttpResponse<String> metrics = server.send("GET", "/metrics", "");
        assertThat(metrics.body()).containsPattern("(?m)^kotak_retention_retrieved_total [0-9.]+$");
    }

    private static void expect(int status, String method, String path, String body, String message) {
        HttpResponse<String> response = server.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message);
    }

    @Test
    void theSchedulerSubmitsSweepsAsTasks() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode tasks = server.get("/tasks?type=kotak-retention-sweep");
        while (tasks.size() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            tasks = server.get("/tasks?type=kotak-retention-sweep");
        }
        assertThat(tasks.size()).isGreaterThan(0);
        JsonNode task = server.get("/tasks/" + tasks.get(0).path("taskId").asText() + "/await?timeout=30s");
        assertThat(task.path("status").asText()).isEqualTo("completed");
        assertThat(task.path("additionalInformation").path("scope").asText()).isEqualTo("all");
        assertThat(task.path("additionalInformation").path("dryRun").asBoolean()).isFalse();
        assertThat(server.send("GET", "/metrics", "").body()).containsPattern("(?m)^kotak_retention_sweeps_total [0-9.]+$");
    }
}
