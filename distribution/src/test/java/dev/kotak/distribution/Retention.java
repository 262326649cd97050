package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the retention end-to-end tests share: their retention.xml, users, dry-run waits and sweep task checks. */
final class Retention {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Retention() {
    }

    /** Replaces the copy's conf/retention.xml (the shipped one is the commented RFC 1939 default). */
    static void writeRetentionXml(Path conf, String xml) {
        try {
            Files.writeString(conf.resolve("retention.xml"), xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A user with an INBOX (as James's provisioning does at first login; messageCount needs the mailbox). */
    static void newUser(Distribution dist, String user, String password) {
        dist.webAdmin().addDomainAndUser(user, password);
        WebAdmin.Response inbox = dist.webAdmin().put("/users/" + user + "/mailboxes/INBOX");
        assertThat(inbox.status).as("PUT INBOX of %s -> %s", user, inbox).isEqualTo(204);
    }

    /** Waits until the dry run of {@code user} says {@code rule} allows the removal of {@code count} messages. */
    static void awaitRemovable(Distribution dist, String user, String rule, long count) {
        await("dry run of " + user + ": " + count + " messages removable by " + rule).atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> dist.webAdmin().retentionDryRun(user).path("toRemove").path(rule).asLong() == count);
    }

    /** {@code /tasks/{id}} JSON of a sweep: its type, its status, and the type of its additionalInformation. */
    static void assertSweepTask(JsonNode task, String status) {
        assertThat(task.path("type").asText()).as("type in %s", task).isEqualTo("kotak-retention-sweep");
        assertThat(task.path("status").asText()).as("status in %s", task).isEqualTo(status);
        assertThat(task.path("additionalInformation").path("type").asText()).as("additionalInformation.type in %s",
            task).isEqualTo("kotak-retention-sweep");
    }

    /** A {@code removedByRule} / {@code heldByRule} object as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> rules(JsonNode node) {
        Map<String, Number> raw = JSON.convertValue(node, Map.class);
        Map<String, Long> rules = new TreeMap<>();
        raw.forEach((rule, count) -> rules.put(rule, count.longValue()));
        return rules;
    }
}
