package dev.kotak.retention.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kotak.pop3.conformance.Pop3Connection;
import dev.kotak.pop3.conformance.WebAdminSmtpMailboxes;
import dev.kotak.pop3.stock.StockJames;
import dev.kotak.pop3.stock.StockJames.Tls;

/**
 * Retention in an operator's own James: the stock {@code james-server-memory-app} 3.8.1, run as a process, with
 * the packaged kotak-retention jar and its kotak-core and kotak-pop3 dependencies in {@code extensions-jars/},
 * Kotak's POP3 handlers switched on in {@code pop3server.xml}, and exactly the lines docs/retention.md ("Enabling
 * it") tells operators to add to {@code extensions.properties} and {@code webadmin.properties}. Checked over the
 * wire only: POP3 (implicit TLS), IMAP (to look from the side), SMTP in and WebAdmin (James's own routes for
 * counts, Kotak's {@code /kotak/retention/...}, tasks). There is no clock to move in another process: the
 * lifetimes are in seconds and the test waits.
 *
 * <p>Each test has its own users, so their order does not matter.
 */
class StockMemoryRetentionIT {
    private static final String PASSWORD = "stock-Passw0rd";
    private static final String POP3S = "pop3s";
    private static final String IMAP = "imap";
    /** Short enough to wait for, long enough for a sweep right after the QUIT to come before it. */
    private static final Duration LEAVE = Duration.ofSeconds(6);

    /** What docs/retention.md "Enabling it" says to add, verbatim. */
    private static final String EXTENSIONS_PROPERTIES = String.join("\n",
        "guice.extension.module=dev.kotak.retention.RetentionModule",
        "guice.extension.startable=dev.kotak.retention.sweeper.RetentionScheduler",
        "guice.extension.task=dev.kotak.retention.sweeper.RetentionTaskExtension",
        "");
    private static final String WEBADMIN_ROUTES = "extensions.routes=org.apache.james.webadmin.dropwizard.MetricsRoutes,"
        + "dev.kotak.retention.webadmin.RetentionRoutes";

    private static final String POP3_XML = String.join("\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<pop3>",
        "    <uidl format=\"uid-uidvalidity\"/>",
        "    <plaintextAuth requireTls=\"true\" exemptLoopback=\"false\"/>",
        "    <sessionLock enabled=\"true\"/>",
        "    <authFailures delay=\"100ms\" maxDelay=\"200ms\" disconnectAfter=\"3\"/>",
        "</pop3>",
        "");

    private static final String RETENTION_XML = String.join("\n",
        "<retention>",
        // Enabled, so that the startable is really started in the stock app; its first pass would come in an hour.
        "  <sweeper enabled=\"true\" interval=\"1h\"/>",
        "  <policies>",
        "    <policy name=\"mark-read\"><onRetrieve action=\"seen\"/></policy>",
        "    <policy name=\"leave-14d\"><expire retrieved=\"14d\"/></policy>",
        "    <policy name=\"leave-seconds\"><expire retrieved=\"" + LEAVE.toSeconds() + "s\"/></policy>",
        "    <policy name=\"phone-reads-desktop-deletes\">",
        "      <devices unknown=\"reject\">",
        "        <device name=\"phone\"><onDelete action=\"hide-from-device\"/></device>",
        "        <device name=\"desktop\"><onDelete action=\"expunge\"/></device>",
        "      </devices>",
        "    </policy>",
        "    <policy name=\"delete-on-download\"><onRetrieve action=\"delete\"/></policy>",
        "    <policy name=\"restorable\">",
        "      <onDelete action=\"hide\"/>",
        "      <expire hidden=\"30d\"/>",
        "    </policy>",
        "  </policies>",
        "  <assignments default=\"rfc1939\">",
        "    <user name=\"markread@example.org\" policy=\"mark-read\"/>",
        "    <user name=\"leave14@example.org\" policy=\"leave-14d\"/>",
        "    <user name=\"leave@example.org\" policy=\"leave-seconds\"/>",
        "    <user name=\"devices@example.org\" policy=\"phone-reads-desktop-deletes\"/>",
        "    <user name=\"privacy@example.org\" policy=\"delete-on-download\"/>",
        "    <user name=\"laptop@example.org\" policy=\"restorable\"/>",
        "    <user name=\"capa-markread@example.org\" policy=\"mark-read\"/>",
        "    <user name=\"capa-leave14@example.org\" policy=\"leave-14d\"/>",
        "    <user name=\"capa-leave@example.org\" policy=\"leave-seconds\"/>",
        "    <user name=\"capa-privacy@example.org\" policy=\"delete-on-download\"/>",
        "  </assignments>",
        "</retention>",
        "");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static StockJames james;
    private static WebAdminSmtpMailboxes mailboxes;
    private static StockImap imap;

    @BeforeAll
    static void start() throws Exception {
        james = StockJames.named("retention-memory")
            .withKotakJars()
            .withPop3Xml(POP3_XML)
            .pop3(POP3S, Tls.IMPLICIT, StockJames.KOTAK_HANDLERS)
            .imap(IMAP)
            .withConfFile("retention.xml", RETENTION_XML)
            .withConfFile("extensions.properties", EXTENSIONS_PROPERTIES)
            .withWebAdminProperties(WEBADMIN_ROUTES)
            .start();
        mailboxes = new WebAdminSmtpMailboxes("127.0.0.1", james.smtpPort(), james.webAdminPort());
        imap = new StockImap(james.imapPort(IMAP));
    }

    @AfterAll
    static void stop() {
        if (james == null) {
            return;
        }
        try {
            assertThat(james.errorLines()).as("ERROR lines in the James log\n%s", james.diagnostics()).isEmpty();
        } finally {
            james.close();
        }
    }

    // ------------------------------------------------------------------------------------------------------ tests

    @Test
    void theKotakJarsAreLoadedFromExtensionsJars() throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(james.home().resolve("extensions-jars"))) {
            jars = files.map(jar -> jar.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        // Kotak's three jars and nothing of James's own (it is `provided`: the server has it).
        assertThat(jars).hasSize(3)
            .anyMatch(jar -> jar.startsWith("kotak-retention-"))
            .anyMatch(jar -> jar.startsWith("kotak-pop3-"))
            .anyMatch(jar -> jar.startsWith("kotak-core-"));
        assertThat(Files.readString(james.log())).contains("Retention sweeper runs every");
        JsonNode policies = get("/kotak/retention/policies");
        assertThat(policies.findValuesAsText("name")).contains("rfc1939", "mark-read", "leave-seconds", "restorable");
    }

    @Test
    void capaAdvertisesTheExpireOfThePolicy() {
        try (Pop3Connection pop3 = connect()) {
            // Before login: the smallest value users can get, tagged USER since they differ (RFC 2449).
            assertThat(pop3.multiLine("CAPA")).contains("EXPIRE 0 USER");
        }
        // After login: the user's own policy.
        assertThat(capaAfterLogin(user("capa-default@example.org"))).contains("EXPIRE NEVER")
            .noneMatch(line -> line.startsWith("EXPIRE ") && !line.equals("EXPIRE NEVER"));
        assertThat(capaAfterLogin(user("capa-markread@example.org"))).contains("EXPIRE NEVER");
        assertThat(capaAfterLogin(user("capa-privacy@example.org"))).contains("EXPIRE 0");
        assertThat(capaAfterLogin(user("capa-leave14@example.org"))).contains("EXPIRE 14");
        assertThat(capaAfterLogin(user("capa-leave@example.org"))).contains("EXPIRE 0");
        assertThat(get("/kotak/retention/users/capa-leave14@example.org").path("capabilities").get(0).asText())
            .isEqualTo("EXPIRE 14");
    }

    @Test
    void markAsReadSetsSeenAtQuitOnly() {
        String user = user("markread@example.org");
        deliver(user, "markread", 3);
        try (Pop3Connection pop3 = pop3(user)) {
            pop3.multiLine("RETR 3");
            // no QUIT: the connection drops, nothing changes
        }
        try (Pop3Connection pop3 = pop3(user)) {
            pop3.multiLine("RETR 1");
            // fetchmail's way of downloading: a TOP that returns the whole message is a retrieval too.
            pop3.multiLine("TOP 2 99999999");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        // QUIT journals the marks and answers; they are on the messages a moment later.
        await().untilAsserted(() -> assertThat(imap.messages(user, PASSWORD, "INBOX")).extracting(StockImap.Seen::isRead)
            .containsExactly(true, true, false));
        List<StockImap.Seen> seen = imap.messages(user, PASSWORD, "INBOX");
        // mark-read has no lifetime: no rule reads retrieval marks, so QUIT writes \Seen and nothing else.
        assertThat(seen).as("%s", seen).noneMatch(message -> message.hasKeywordStartingWith("$KotakRetrieved"));
        assertThat(mailboxes.inboxCount(user)).isEqualTo(3);
    }

    @Test
    void phoneReadsDesktopDeletes() {
        String user = user("devices@example.org");
        deliver(user, "devices", 2);
        try (Pop3Connection phone = pop3(user + "#phone")) {
            phone.multiLine("RETR 1");
            phone.send("DELE 1").expectStartingWith("+OK");
            phone.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(uidls(user + "#phone")).hasSize(1);
        assertThat(uidls(user + "#desktop")).hasSize(2);
        assertThat(mailboxes.inboxCount(user)).isEqualTo(2);
        assertThat(imap.messages(user, PASSWORD, "INBOX").get(0).hasKeywordStartingWith("$KotakHiddenFrom.phone"))
            .isTrue();

        try (Pop3Connection desktop = pop3(user + "#desktop")) {
            desktop.send("DELE 1").expectStartingWith("+OK");
            desktop.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(mailboxes.inboxCount(user)).isEqualTo(1);
        assertThat(uidls(user + "#phone")).hasSize(1);

        try (Pop3Connection tablet = connect()) {
            tablet.send("USER " + user + "#tablet").expectStartingWith("+OK");
            tablet.send("PASS " + PASSWORD).expectStartingWith("-ERR [AUTH]");
        }
    }

    @Test
    void deleteOnDownloadExpungesWhatWasRetrievedAtQuit() {
        String user = user("privacy@example.org");
        deliver(user, "privacy", 2);
        try (Pop3Connection pop3 = pop3(user)) {
            pop3.multiLine("RETR 2");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(imap.messages(user, PASSWORD, "INBOX")).extracting(seen -> seen.subject)
            .containsExactly("privacy 1");
        assertThat(mailboxes.inboxCount(user)).isEqualTo(1);
    }

    @Test
    void leaveSecondsAfterDownloadThroughTheSweepTask() throws Exception {
        String user = user("leave@example.org");
        deliver(user, "leave", 2);
        try (Pop3Connection pop3 = pop3(user)) {
            pop3.multiLine("RETR 1");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        // leave-seconds counts from the retrieval, so QUIT recorded it on message 1 only.
        await().untilAsserted(() -> assertThat(imap.messages(user, PASSWORD, "INBOX").get(0)
            .hasKeywordStartingWith("$KotakRetrieved.")).isTrue());
        List<StockImap.Seen> marked = imap.messages(user, PASSWORD, "INBOX");
        assertThat(marked.get(1).hasKeywordStartingWith("$KotakRetrieved")).as("%s", marked).isFalse();
        // Right after the download: nothing is due yet.
        JsonNode early = sweep("user=" + user);
        assertThat(early.path("additionalInformation").path("removedByRule").size()).as("%s", early).isZero();
        assertThat(mailboxes.inboxCount(user)).isEqualTo(2);

        JsonNode dryRun = get("/kotak/retention/users/" + user + "/dry-run");
        assertThat(dryRun.path("messagesExamined").asLong()).as("%s", dryRun).isEqualTo(2);
        Instant removableAt = dryRun.path("messages").findValuesAsText("removableAt").stream()
            .filter(value -> !value.equals("null")).map(Instant::parse).findFirst()
            .orElseThrow(() -> new AssertionError("no removableAt in " + dryRun));
        Duration wait = Duration.between(Instant.now(), removableAt).plusMillis(500);
        assertThat(wait).as("removable %s after the download", removableAt).isLessThanOrEqualTo(LEAVE.plusSeconds(1));
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }

        JsonNode task = sweep("user=" + user);
        assertThat(task.path("type").asText()).isEqualTo("kotak-retention-sweep");
        JsonNode details = task.path("additionalInformation");
        assertThat(details.path("dryRun").asBoolean(true)).as("%s", task).isFalse();
        assertThat(details.path("usersProcessed").asLong()).as("%s", task).isEqualTo(1);
        assertThat(details.path("messagesExamined").asLong()).as("%s", task).isEqualTo(2);
        assertThat(details.path("removedByRule").path("expire.retrieved").asLong()).as("%s", task).isEqualTo(1);
        assertThat(details.path("scope").asText()).as("%s", task).contains(user);
        // The same details from the plain task route, as an operator's GET /tasks/{id} shows them.
        JsonNode again = get("/tasks/" + task.path("taskId").asText()).path("additionalInformation");
        assertThat(again.path("type").asText()).isEqualTo("kotak-retention-sweep");
        assertThat(again.path("removedByRule")).isEqualTo(details.path("removedByRule"));

        assertThat(mailboxes.inboxCount(user)).isEqualTo(1);
        assertThat(imap.messages(user, PASSWORD, "INBOX")).extracting(seen -> seen.subject).containsExactly("leave 2");
        // Through the MetricsRoutes line docs/retention.md puts in webadmin.properties.
        HttpResponse<String> metrics = send("GET", "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kotak_retention_sweeps_total").contains("kotak_retention_expired_total");
    }

    @Test
    void myLaptopBrokeRestoresHiddenMessagesWithTheSameUidls() {
        String user = user("laptop@example.org");
        deliver(user, "laptop", 3);
        List<String> before = uidls(user);
        assertThat(before).hasSize(3);
        try (Pop3Connection pop3 = pop3(user)) {
            for (int i = 1; i <= 3; i++) {
                pop3.multiLine("RETR " + i);
                pop3.send("DELE " + i).expectStartingWith("+OK");
            }
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(uidls(user)).isEmpty();
        assertThat(mailboxes.inboxCount(user)).isEqualTo(3);

        HttpResponse<String> restored = send("POST", "/kotak/retention/users/" + user + "/restore", null);
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(restored.body()).contains("\"restored\":3");
        assertThat(uidls(user)).isEqualTo(before);
        assertThat(send("POST", "/kotak/retention/users/" + user + "/restore", null).body()).contains("\"restored\":0");
    }

    @Test
    void aLegalHoldSetThroughWebAdminTurnsDeleIntoHide() throws Exception {
        // The default policy, rfc1939: a DELE expunges.
        String user = user("held@example.org");
        deliver(user, "held", 3);
        try (Pop3Connection pop3 = pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(mailboxes.inboxCount(user)).isEqualTo(2);

        HttpResponse<String> put = send("PUT", "/kotak/retention/holds/" + user,
            "{\"reason\": \"Case 2026-42\", \"owner\": \"legal@example.org\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        JsonNode holds = get("/kotak/retention/holds/" + user);
        assertThat(holds.get(0).path("reason").asText()).isEqualTo("Case 2026-42");
        assertThat(holds.get(0).path("source").asText()).isEqualTo("webadmin");
        assertThat(get("/kotak/retention/users/" + user).path("holds").get(0).path("active").asBoolean()).isTrue();

        try (Pop3Connection pop3 = pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(mailboxes.inboxCount(user)).as("the held DELE kept the message").isEqualTo(2);
        assertThat(uidls(user)).as("but POP3 no longer lists it").hasSize(1);
        assertThat(imap.messages(user, PASSWORD, "INBOX")).filteredOn(seen -> seen.hasKeywordStartingWith("$KotakHidden."))
            .extracting(seen -> seen.subject).containsExactly("held 2");

        assertThat(send("DELETE", "/kotak/retention/holds/" + user, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/kotak/retention/holds/" + user, null).statusCode()).isEqualTo(404);
        try (Pop3Connection pop3 = pop3(user)) {
            pop3.send("DELE 1").expectStartingWith("+OK");
            pop3.send("QUIT").expectStartingWith("+OK");
        }
        assertThat(mailboxes.inboxCount(user)).as("lifted: a DELE expunges again").isEqualTo(1);
    }

    @Test
    void anInvalidRetentionXmlStopsTheStockAppWithFileLineAndColumn() throws Exception {
        String invalid = String.join("\n",
            "<retention>",
            "  <assignments default=\"rfc1939\">",
            "    <user name=\"alice@example.org\" policy=\"gold\"/>",
            "  </assignments>",
            "</retention>",
            "");
        StockJames broken = StockJames.named("retention-memory-invalid")
            .withKotakJars()
            .pop3(POP3S, Tls.IMPLICIT, StockJames.KOTAK_HANDLERS)
            .withConfFile("retention.xml", invalid)
            .withConfFile("extensions.properties", EXTENSIONS_PROPERTIES)
            .withWebAdminProperties(WEBADMIN_ROUTES);
        try {
            // James's own "exit on startup error": the process ends before any listener is bound.
            assertThatThrownBy(broken::start).hasMessageContaining("James exited with 1 before listening");
            String output = Files.readString(broken.log()) + "\n"
                + Files.readString(broken.home().resolve("logs/stdout.log"));
            assertThat(output).as(broken.diagnostics())
                .contains("retention.xml:3:36: 'gold' refers to no policy; expected one of the declared names: rfc1939");
            assertThat(listening(broken.pop3Port(POP3S))).isFalse();
            assertThat(listening(broken.smtpPort())).isFalse();
            assertThat(listening(broken.webAdminPort())).isFalse();
        } finally {
            broken.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static String user(String user) {
        mailboxes.createUser(user, PASSWORD);
        return user;
    }

    private static void deliver(String user, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            mailboxes.deliver(user, "From: sender@elsewhere.example\r\nTo: " + user + "\r\nSubject: " + prefix + " " + i
                + "\r\nMessage-ID: <" + prefix + "-" + i + "-" + System.nanoTime() + "@elsewhere.example>\r\n\r\nbody "
                + i + "\r\n");
        }
    }

    private static Pop3Connection connect() {
        Pop3Connection connection = Pop3Connection.openTls("127.0.0.1", james.pop3Port(POP3S));
        connection.expectStartingWith("+OK");
        return connection;
    }

    /** A POP3 session over implicit TLS, logged in as {@code login} (a user, or user#device). */
    private static Pop3Connection pop3(String login) {
        Pop3Connection connection = connect();
        connection.send("USER " + login).expectStartingWith("+OK");
        connection.send("PASS " + PASSWORD).expectStartingWith("+OK");
        return connection;
    }

    private static List<String> capaAfterLogin(String login) {
        try (Pop3Connection pop3 = pop3(login)) {
            List<String> capabilities = pop3.multiLine("CAPA");
            pop3.send("QUIT").expectStartingWith("+OK");
            return capabilities;
        }
    }

    /** The UIDL lines ({@code n uid}) a fresh session of {@code login} lists, then QUIT. */
    private static List<String> uidls(String login) {
        try (Pop3Connection pop3 = pop3(login)) {
            List<String> lines = pop3.multiLine("UIDL");
            pop3.send("QUIT").expectStartingWith("+OK");
            return lines;
        }
    }

    /** Runs a sweep as a task through WebAdmin and returns its completed {@code /tasks/{id}/await} JSON. */
    private static JsonNode sweep(String query) throws IOException {
        HttpResponse<String> created = send("POST", "/kotak/retention/sweep?" + query, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String taskId = JSON.readTree(created.body()).path("taskId").asText();
        JsonNode task = get("/tasks/" + taskId + "/await?timeout=60s");
        assertThat(task.path("status").asText()).as("%s", task).isEqualTo("completed");
        return task;
    }

    private static JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + ": " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + james.webAdminPort() + path)).timeout(Duration.ofSeconds(60));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            // Without Content-Type, WebAdmin's Spark layer drops the body.
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("WebAdmin " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
