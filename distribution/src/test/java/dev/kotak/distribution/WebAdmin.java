package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** James's WebAdmin REST API of a running distribution, over java.net.http. */
public final class WebAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    WebAdmin(String base) {
        this.base = base;
    }

    /** Status and body of one exchange. */
    public static final class Response {
        public final int status;
        public final String body;

        Response(int status, String body) {
            this.status = status;
            this.body = body;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response put(String path) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** {@code GET /users/{user}/mailboxes/INBOX/messageCount}. */
    public long inboxCount(String user) {
        Response response = get("/users/" + segment(user) + "/mailboxes/INBOX/messageCount");
        assertThat(response.status).as("GET messageCount of %s -> %s", user, response).isEqualTo(200);
        return Long.parseLong(response.body.trim());
    }

    /** Deletes the user's INBOX with its messages and creates an empty one: a new UIDVALIDITY, UIDs from 1. */
    public void recreateInbox(String user) {
        Response deleted = delete("/users/" + segment(user) + "/mailboxes/INBOX");
        assertThat(deleted.status).as("DELETE INBOX of %s -> %s", user, deleted).isEqualTo(204);
        Response created = put("/users/" + segment(user) + "/mailboxes/INBOX");
        assertThat(created.status).as("PUT INBOX of %s -> %s", user, created).isEqualTo(204);
    }

    /** PUT with a JSON body; without the Content-Type header Spark (WebAdmin's HTTP layer) drops the body. */
    public Response putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public void addDomain(String domain) {
        Response response = put("/domains/" + segment(domain));
        assertThat(response.status).as("PUT /domains/%s -> %s", domain, response).isEqualTo(204);
    }

    public void addUser(String user, String password) {
        ObjectNode body = JSON.createObjectNode().put("password", password);
        Response response = putJson("/users/" + segment(user), body.toString());
        assertThat(response.status).as("PUT /users/%s -> %s", user, response).isEqualTo(204);
    }

    /** Adds the user's domain (if needed) and the user. */
    public void addDomainAndUser(String user, String password) {
        addDomain(user.substring(user.indexOf('@') + 1));
        addUser(user, password);
    }

    public List<String> users() {
        Response response = get("/users");
        assertThat(response.status).as("GET /users -> %s", response).isEqualTo(200);
        List<String> users = new ArrayList<>();
        response.json().forEach(node -> users.add(node.path("username").asText()));
        return users;
    }

    public List<String> domains() {
        Response response = get("/domains");
        assertThat(response.status).as("GET /domains -> %s", response).isEqualTo(200);
        List<String> domains = new ArrayList<>();
        response.json().forEach(node -> domains.add(node.asText()));
        return domains;
    }

    /** {@code occupation.count} of {@code GET /quota/users/{user}}: the message count James accounts for. */
    public long quotaCount(String user) {
        Response response = get("/quota/users/" + segment(user));
        assertThat(response.status).as("GET /quota/users/%s -> %s", user, response).isEqualTo(200);
        JsonNode count = response.json().path("occupation").path("count");
        assertThat(count.isNumber()).as("occupation.count in GET /quota/users/%s -> %s", user, response).isTrue();
        return count.asLong();
    }

    // ------------------------------------------------------------------------------------------- tasks, metrics

    /** {@code GET /tasks/{id}}, which must answer 200. */
    public JsonNode task(String taskId) {
        Response response = get("/tasks/" + taskId);
        assertThat(response.status).as("GET /tasks/%s -> %s", taskId, response).isEqualTo(200);
        return response.json();
    }

    /** {@code GET /tasks/{id}/await}: the task's JSON once it has ended (completed, failed or cancelled). */
    public JsonNode awaitTask(String taskId, Duration timeout) {
        Response response = get("/tasks/" + taskId + "/await?timeout=" + timeout.toSeconds() + "s");
        assertThat(response.status).as("GET /tasks/%s/await (%s s) -> %s; the task now: %s", taskId,
            timeout.toSeconds(), response, get("/tasks/" + taskId)).isEqualTo(200);
        return response.json();
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public String metrics() {
        Response response = get("/metrics");
        assertThat(response.status).as("GET /metrics -> %s", response.status).isEqualTo(200);
        return response.body;
    }

    /** The value of the sample of {@code GET /metrics} named exactly {@code name}, without labels, if any. */
    public OptionalDouble metric(String name) {
        return sample(metrics(), name);
    }

    /**
     * The value of the metric a James component registered as {@code dropwizardName} with its MetricFactory,
     * whatever name the Prometheus export gives its sample (it appends {@code _total} to a counter's name), as
     * the {@code # HELP NAME Generated from Dropwizard metric import (metric=dropwizardName, ...)} line tells;
     * 0 when the metric does not exist yet (James creates it on first use).
     */
    public double dropwizardMetric(String dropwizardName) {
        String text = metrics();
        Matcher help = Pattern.compile("(?m)^# HELP (\\S+) Generated from Dropwizard metric import \\(metric="
            + Pattern.quote(dropwizardName) + ", ").matcher(text);
        if (!help.find()) {
            return 0;
        }
        return sample(text, help.group(1)).orElseThrow(() -> new AssertionError("/metrics has a # HELP line for "
            + help.group(1) + " (metric=" + dropwizardName + ") but no sample of that name:\n" + text));
    }

    private static OptionalDouble sample(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 2 && fields[0].equals(name)) {
                return OptionalDouble.of(Double.parseDouble(fields[1]));
            }
        }
        return OptionalDouble.empty();
    }

    // ----------------------------------------------------------------------------------------- Kotak retention

    /**
     * {@code POST /kotak/retention/sweep?query}, which must answer 201 with a task id; returns the id.
     * {@code query} may be empty (a sweep of everyone at the configured pace).
     */
    public String startRetentionSweep(String query) {
        Response response = post("/kotak/retention/sweep" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status).as("POST /kotak/retention/sweep?%s -> %s", query, response).isEqualTo(201);
        String taskId = response.json().path("taskId").asText();
        assertThat(taskId).as("taskId in %s", response).isNotEmpty();
        return taskId;
    }

    /** {@code POST /kotak/retention/users/{user}/restore[?query]}: how many hidden messages became visible. */
    public long restoreHidden(String user, String query) {
        String path = "/kotak/retention/users/" + segment(user) + "/restore" + (query.isEmpty() ? "" : "?" + query);
        Response response = post(path);
        assertThat(response.status).as("POST %s -> %s", path, response).isEqualTo(200);
        JsonNode restored = response.json().path("restored");
        assertThat(restored.isNumber()).as("restored in POST %s -> %s", path, response).isTrue();
        return restored.asLong();
    }

    /** {@code GET /kotak/retention/users/{user}/dry-run}, which must answer 200. */
    public JsonNode retentionDryRun(String user) {
        Response response = get("/kotak/retention/users/" + segment(user) + "/dry-run");
        assertThat(response.status).as("GET dry-run of %s -> %s", user, response).isEqualTo(200);
        return response.json();
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String segment(String value) {
        // '@' is legal in a path segment and James expects it verbatim; encode anything else unusual.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%40", "@").replace("+", "%20");
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("WebAdmin at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
