package dev.kotak.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** WebAdmin over HTTP, as an operator's curl would use it. */
public final class WebAdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public WebAdminClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public void addDomain(String domain) {
        expect(204, send("PUT", "/domains/" + encode(domain), ""));
    }

    public void addUser(String user, String password) {
        expect(204, send("PUT", "/users/" + encode(user), "{\"password\":\"" + password + "\"}"));
    }

    public boolean userExists(String user) {
        return send("HEAD", "/users/" + encode(user), "").statusCode() == 200;
    }

    /** Messages counted by the quota for a user ({@code occupation.count}). */
    public long quotaCount(String user) {
        return json("GET", "/quota/users/" + encode(user)).path("occupation").path("count").asLong();
    }

    public long quotaSize(String user) {
        return json("GET", "/quota/users/" + encode(user)).path("occupation").path("size").asLong();
    }

    public JsonNode json(String method, String path) {
        HttpResponse<String> response = send(method, path, "");
        expect(200, response);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
