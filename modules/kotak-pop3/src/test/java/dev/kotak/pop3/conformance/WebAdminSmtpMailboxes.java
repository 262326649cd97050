package dev.kotak.pop3.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * {@link Mailboxes} of any James 3.8: users and mailboxes through WebAdmin (as an operator's curl would), mail
 * through the SMTP listener (whose DATA dot-stuffing commons-net does, so messages with lines starting with '.'
 * arrive intact).
 */
public final class WebAdminSmtpMailboxes implements Mailboxes {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern COUNT = Pattern.compile("^\\s*(\\d+)\\s*$");
    private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COMPLETED = Pattern.compile("\"status\"\\s*:\\s*\"completed\"");

    private final String host;
    private final int smtpPort;
    private final String webAdmin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> domains = new HashSet<>();

    public WebAdminSmtpMailboxes(String host, int smtpPort, int webAdminPort) {
        this.host = host;
        this.smtpPort = smtpPort;
        this.webAdmin = "http://" + host + ":" + webAdminPort;
    }

    @Override
    public synchronized void createUser(String user, String password) {
        String domain = user.substring(user.indexOf('@') + 1);
        if (domains.add(domain)) {
            expect(204, send("PUT", "/domains/" + segment(domain), null));
        }
        expect(204, send("PUT", "/users/" + segment(user), "{\"password\":\"" + password + "\"}"));
        // As James's own provisioning would at first login; WebAdmin's messageCount needs the mailbox.
        expect(204, send("PUT", "/users/" + segment(user) + "/mailboxes/INBOX", null));
    }

    @Override
    public void deliver(String user, String message) {
        long before = inboxCountOrZero(user);
        SMTPClient smtp = new SMTPClient();
        try {
            smtp.setDefaultTimeout(30_000);
            smtp.connect(host, smtpPort);
            check(smtp, smtp.login("conformance.kotak.test"));
            check(smtp, smtp.setSender("sender@elsewhere.example"));
            check(smtp, smtp.addRecipient(user));
            Writer data = smtp.sendMessageData();
            if (data == null) {
                throw new IllegalStateException("SMTP DATA refused: " + smtp.getReplyString());
            }
            data.write(message);
            data.close();
            check(smtp, smtp.completePendingCommand());
            smtp.logout();
        } catch (IOException e) {
            throw new UncheckedIOException("SMTP to " + host + ":" + smtpPort, e);
        } finally {
            try {
                smtp.disconnect();
            } catch (IOException ignored) {
                // closed
            }
        }
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (inboxCountOrZero(user) <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("message to " + user + " not delivered within " + DELIVERY_TIMEOUT);
            }
            sleep(100);
        }
    }

    @Override
    public long inboxCount(String user) {
        HttpResponse<String> response = send("GET", "/users/" + segment(user) + "/mailboxes/INBOX/messageCount", null);
        expect(200, response);
        Matcher m = COUNT.matcher(response.body());
        if (!m.matches()) {
            throw new IllegalStateException("messageCount of " + user + ": " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    private long inboxCountOrZero(String user) {
        HttpResponse<String> response = send("GET", "/users/" + segment(user) + "/mailboxes/INBOX/messageCount", null);
        return response.statusCode() == 200 ? inboxCount(user) : 0;
    }

    @Override
    public void recreateInbox(String user) {
        expect(204, send("DELETE", "/users/" + segment(user) + "/mailboxes/INBOX", null));
        expect(204, send("PUT", "/users/" + segment(user) + "/mailboxes/INBOX", null));
    }

    @Override
    public void clearInbox(String user) {
        // A WebAdmin task (ClearMailboxContentTask): 201 with its id, then wait for it to end.
        HttpResponse<String> scheduled =
            send("DELETE", "/users/" + segment(user) + "/mailboxes/INBOX/messages", null);
        expect(201, scheduled);
        Matcher id = TASK_ID.matcher(scheduled.body());
        if (!id.find()) {
            throw new IllegalStateException("no taskId in " + scheduled.body());
        }
        HttpResponse<String> done = send("GET", "/tasks/" + id.group(1) + "/await", null);
        expect(200, done);
        if (!COMPLETED.matcher(done.body()).find()) {
            throw new IllegalStateException("clearing INBOX of " + user + " did not complete: " + done.body());
        }
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webAdmin + path)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            // Without Content-Type, WebAdmin's Spark layer drops the body.
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("WebAdmin " + method + " " + webAdmin + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                + " answered " + response.statusCode() + " (expected " + status + "): " + response.body());
        }
    }

    private static void check(SMTPClient smtp, boolean ok) {
        if (!ok || !SMTPReply.isPositiveCompletion(smtp.getReplyCode())) {
            throw new IllegalStateException("SMTP refused: " + smtp.getReplyString());
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%40", "@");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
