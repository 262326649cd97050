package dev.kotak.retention.integration;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;

import dev.kotak.pop3.conformance.Pop3Connection;
import dev.kotak.pop3.conformance.WebAdminSmtpMailboxes;
import dev.kotak.retention.RetentionClock;
import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/**
 * Our JPA server in this JVM with a test retention.xml and a movable clock, driven over the wire: SMTP in, POP3
 * over implicit TLS, IMAP to look from the side, WebAdmin for sweeps, restores and holds.
 */
final class RetentionServer implements AutoCloseable {
    static final String PASSWORD = "s3cret-Passw0rd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestServer server;
    private final TestClock clock = new TestClock();
    private WebAdminSmtpMailboxes mailboxes;
    private Module[] modules;

    private RetentionServer(TestServer server) {
        this.server = server;
    }

    /** @param overrides bindings for the server's root injector, besides the test clock */
    static RetentionServer start(Database database, String retentionXml, Module... overrides) throws Exception {
        RetentionServer retention = new RetentionServer(TestServer.on(database));
        retention.server.home().write("retention.xml", retentionXml);
        retention.modules = new Module[overrides.length + 1];
        retention.modules[0] = retention.clockModule();
        System.arraycopy(overrides, 0, retention.modules, 1, overrides.length);
        retention.server.start(retention.modules);
        retention.mailboxes = new WebAdminSmtpMailboxes("127.0.0.1", retention.server.home().port(25),
            retention.server.home().port(8000));
        return retention;
    }

    private Module clockModule() {
        return binder -> binder.bind(RetentionClock.class).toInstance(clock);
    }

    /** Stops and starts the server on the same data, clock and overrides. */
    void restart() throws Exception {
        server.restart(modules);
    }

    TestServer server() {
        return server;
    }

    TestClock clock() {
        return clock;
    }

    void createUser(String user) {
        mailboxes.createUser(user, PASSWORD);
    }

    /** Delivers messages with subjects {@code prefix 1..count} through SMTP, waiting for each. */
    void deliver(String user, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            mailboxes.deliver(user, "From: sender@elsewhere.example\r\nTo: " + user + "\r\nSubject: " + prefix + " " + i
                + "\r\nMessage-ID: <" + prefix.replace(' ', '-') + "-" + i + "-" + System.nanoTime()
                + "@elsewhere.example>\r\n\r\nbody " + i + "\r\n");
        }
    }

    long inboxCount(String user) {
        return mailboxes.inboxCount(user);
    }

    /** A POP3 session over implicit TLS, logged in as {@code login} (a user, or user#device). */
    Pop3Connection pop3(String login) {
        Pop3Connection connection = Pop3Connection.openTls("127.0.0.1", server.home().port(995));
        connection.expectStartingWith("+OK");
        connection.send("USER " + login).expectStartingWith("+OK");
        connection.send("PASS " + PASSWORD).expectStartingWith("+OK");
        return connection;
    }

    /** The UIDL lines ({@code n uid}) a fresh session of {@code login} lists, then QUIT. */
    List<String> uidls(String login) {
        try (Pop3Connection pop3 = pop3(login)) {
            List<String> lines = pop3.multiLine("UIDL");
            pop3.send("QUIT").expectStartingWith("+OK");
            return lines;
        }
    }

    ImapProbe imap() {
        return new ImapProbe(server.home().port(993));
    }

    JsonNode get(String path) {
        return server.webAdmin().json("GET", path);
    }

    HttpResponse<String> send(String method, String path, String body) {
        return server.webAdmin().send(method, path, body);
    }

    /** Runs a sweep (or dry run) as a task and returns its completed {@code /tasks/{id}} JSON. */
    JsonNode sweep(String query) throws Exception {
        HttpResponse<String> created = send("POST", "/kotak/retention/sweep" + (query.isEmpty() ? "" : "?" + query), "");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("sweep answered " + created.statusCode() + ": " + created.body());
        }
        String taskId = JSON.readTree(created.body()).path("taskId").asText();
        JsonNode task = get("/tasks/" + taskId + "/await?timeout=60s");
        if (!"completed".equals(task.path("status").asText())) {
            throw new IllegalStateException("sweep task ended " + task);
        }
        return task;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Duration days(long days) {
        return Duration.ofDays(days);
    }

    @Override
    public void close() {
        server.close();
    }
}
