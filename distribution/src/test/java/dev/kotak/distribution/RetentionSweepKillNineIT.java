package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The retention sweeper is crash-safe: a sweep killed with {@code kill -9} half-way is finished by the next one
 * after a restart (with the distribution's crash recovery), and no run touches what the policy keeps or what a
 * legal hold keeps. Twenty users whose policy expires mail one second after arrival, three users of the default
 * policy (nothing expires) and one held user of the expiring policy, twelve messages each; the first sweep visits
 * four users a second (six seconds in all), so it is still running when it is killed.
 *
 * <p>Sized for run time: the crash recovery at the restart recomputes quotas at about one user a second.
 */
class RetentionSweepKillNineIT {
    private static final String PASSWORD = "sweep-secret-1";
    private static final int MESSAGES = 12;
    private static final int USERS_PER_SECOND = 4;
    private static final String RULE = "expire.unretrieved";
    private static final String RECOVERY_LOG = "The previous run did not stop gracefully";

    private static final List<String> EXPIRING = IntStream.rangeClosed(1, 20)
        .mapToObj(i -> String.format("u%02d@sweep.kotak.test", i)).collect(Collectors.toList());
    private static final List<String> KEEPING = IntStream.rangeClosed(1, 3)
        .mapToObj(i -> "k" + i + "@keep.kotak.test").collect(Collectors.toList());
    private static final String HELD = "held@sweep.kotak.test";
    private static final int USERS = EXPIRING.size() + KEEPING.size() + 1;

    private static final String RETENTION_XML = String.join("\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<retention>",
        "    <!-- The scheduler's first tick is a day away: only the test's sweeps run. -->",
        "    <sweeper enabled=\"true\" interval=\"1d\" usersPerSecond=\"" + USERS_PER_SECOND + "\"/>",
        "    <policies>",
        "        <policy name=\"expire-fast\">",
        "            <expire unretrieved=\"1s\"/>",
        "        </policy>",
        "    </policies>",
        "    <assignments default=\"rfc1939\">",
        "        <domain name=\"sweep.kotak.test\" policy=\"expire-fast\"/>",
        "    </assignments>",
        "    <holds>",
        "        <hold user=\"" + HELD + "\" reason=\"Case E2E-3\" owner=\"legal@kotak.test\"/>",
        "    </holds>",
        "</retention>",
        "");

    @RegisterExtension
    static final Distribution DIST = Distribution.withConf("sweep",
        conf -> Retention.writeRetentionXml(conf, RETENTION_XML));

    @Test
    void aSweepKilledHalfWayIsFinishedByTheNextRunAndKeptAndHeldMailSurvivesBoth() throws Exception {
        Clients.require("swaks", "curl");
        DIST.start();
        List<String> everyone = new ArrayList<>(EXPIRING);
        everyone.addAll(KEEPING);
        everyone.add(HELD);
        for (String user : everyone) {
            Retention.newUser(DIST, user, PASSWORD);
        }
        List<String> subjects = IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "sweep " + i)
            .collect(Collectors.toList());
        for (String subject : subjects) {
            // One transaction for every user (swaks takes a comma-separated list of recipients).
            Clients.swaks(DIST, "sender@elsewhere.example", String.join(",", everyone), subject, "Body of " + subject);
        }
        await("delivery of " + MESSAGES + " messages to each of " + USERS + " users").atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(counts(everyone)).allSatisfy((user, count) ->
                assertThat(count).as("INBOX of %s", user).isEqualTo(MESSAGES)));
        Retention.awaitRemovable(DIST, EXPIRING.get(EXPIRING.size() - 1), RULE, MESSAGES);

        // First sweep, at the configured pace, killed once it has removed mail of at least two users (so one
        // user's removal is surely committed) and while at least half of the users are still to be visited.
        String first = DIST.webAdmin().startRetentionSweep("");
        AtomicReference<JsonNode> atKill = new AtomicReference<>();
        await("the first sweep in progress with " + 2 * MESSAGES + " messages removed").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> {
                JsonNode task = DIST.webAdmin().task(first);
                atKill.set(task);
                assertThat(task.path("status").asText()).as("the first sweep must still run when killed; "
                    + "it is now: %s", task).isIn("waiting", "inProgress");
                JsonNode info = task.path("additionalInformation");
                assertThat(info.path("usersProcessed").asLong()).as("users the first sweep visited before it was "
                    + "killed, at most half of %s: %s", USERS, task).isLessThanOrEqualTo(USERS / 2);
                return task.path("status").asText().equals("inProgress")
                    && info.path("removedByRule").path(RULE).asLong() >= 2 * MESSAGES;
            });
        DIST.killHard();
        JsonNode killed = atKill.get();
        Retention.assertSweepTask(killed, "inProgress");
        assertThat(killed.path("additionalInformation").path("scope").asText()).as("scope in %s", killed)
            .isEqualTo("all");
        assertThat(killed.path("additionalInformation").path("usersPerSecond").asInt())
            .as("usersPerSecond (retention.xml's) in %s", killed).isEqualTo(USERS_PER_SECOND);

        DIST.start();
        assertThat(DIST.countLogLines(RECOVERY_LOG)).as("crash recovery at the start after kill -9 ('%s')",
            RECOVERY_LOG).isEqualTo(1);
        Map<String, Long> afterKill = counts(everyone);
        long left = EXPIRING.stream().mapToLong(afterKill::get).sum();
        assertThat(left).as("expiring messages left by the killed sweep (at its last poll: %s); per user: %s",
            killed, afterKill).isPositive().isLessThan((long) EXPIRING.size() * MESSAGES);
        assertKeptAndHeldMail(afterKill, "after the killed sweep");

        // Second sweep, faster: it removes exactly what the first one left.
        String second = DIST.webAdmin().startRetentionSweep("usersPerSecond=50");
        JsonNode task = DIST.webAdmin().awaitTask(second, Duration.ofSeconds(60));
        Retention.assertSweepTask(task, "completed");
        JsonNode info = task.path("additionalInformation");
        assertThat(info.path("scope").asText()).as("scope in %s", task).isEqualTo("all");
        assertThat(info.path("dryRun").asBoolean(true)).as("dryRun in %s", task).isFalse();
        assertThat(info.path("usersPerSecond").asInt()).as("usersPerSecond in %s", task).isEqualTo(50);
        assertThat(info.path("usersProcessed").asLong()).as("usersProcessed in %s", task).isEqualTo(USERS);
        assertThat(info.path("usersFailed").asLong()).as("usersFailed in %s", task).isZero();
        assertThat(info.path("failedUsers")).as("failedUsers in %s", task).isEmpty();
        assertThat(Retention.rules(info.path("removedByRule"))).as("removedByRule: what the first sweep left, "
            + "per user %s; task %s", afterKill, task).containsExactly(Map.entry(RULE, left));
        assertThat(Retention.rules(info.path("heldByRule"))).as("heldByRule: the held user's messages; task %s",
            task).containsExactly(Map.entry(RULE, (long) MESSAGES));
        assertThat(info.path("messagesExamined").asLong()).as("messagesExamined in %s", task)
            .isEqualTo(left + (long) KEEPING.size() * MESSAGES + MESSAGES);

        Map<String, Long> afterSecond = counts(everyone);
        assertThat(EXPIRING).as("expiring users' INBOX counts after the second sweep: %s", afterSecond)
            .allSatisfy(user -> assertThat(afterSecond.get(user)).as("INBOX of %s", user).isZero());
        assertKeptAndHeldMail(afterSecond, "after the second sweep");
        Clients.Inbox kept = Clients.imapInbox(DIST, KEEPING.get(0), PASSWORD, "sweep");
        assertThat(kept.subjects).as("INBOX of %s over IMAP", KEEPING.get(0))
            .containsExactlyInAnyOrderElementsOf(subjects);
        assertThat(Clients.pop3List(DIST, false, HELD, PASSWORD)).as("POP3 LIST of the held user %s", HELD)
            .hasSize(MESSAGES);

        // Counters start at zero with the server: since the restart, only the second sweep ran.
        assertThat(DIST.webAdmin().dropwizardMetric("kotak_retention_expired"))
            .as("kotak_retention_expired_total since the restart").isEqualTo((double) left);
        assertThat(DIST.webAdmin().dropwizardMetric("kotak_retention_sweeps"))
            .as("kotak_retention_sweeps_total since the restart").isEqualTo(1.0);
    }

    private static void assertKeptAndHeldMail(Map<String, Long> counts, String when) {
        assertThat(counts.get(HELD)).as("INBOX of the held user %s %s (all counts: %s)", HELD, when, counts)
            .isEqualTo(MESSAGES);
        assertThat(KEEPING).as("INBOX counts of the users of the default policy %s: %s", when, counts)
            .allSatisfy(user -> assertThat(counts.get(user)).as("INBOX of %s", user).isEqualTo(MESSAGES));
    }

    /** INBOX message count of each user, through WebAdmin. */
    private static Map<String, Long> counts(List<String> users) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String user : users) {
            counts.put(user, DIST.webAdmin().inboxCount(user));
        }
        return counts;
    }
}
