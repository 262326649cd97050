package dev.kotak.pop3.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kotak.pop3.maildrop.LoginRefusal;
import dev.kotak.pop3.maildrop.MaildropPolicy;
import dev.kotak.pop3.testing.ScriptedPolicy;
import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.TestServer;

/**
 * {@code user#device} logins, the policy's admission and its CAPA lines, over the wire, in our server with a
 * test {@link MaildropPolicy} bound the way an operator's {@code guice.extension.module} would bind one (here as a
 * Guice override of the test harness). Every test ends its sessions with QUIT, so no lock outlives a test.
 */
class DeviceLoginTest {
    private static final String USER = "alice@example.org";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final String AUTH_FAILED = "-ERR [AUTH] Authentication failed.";
    private static final String LOGIN_DELAY = "Logins must be at least 15 minutes apart";
    private static final String POP3_XML = "<pop3>\n"
        + "  <plaintextAuth requireTls=\"false\"/>\n"
        + "  <sessionLock enabled=\"true\"/>\n"
        + "  <authFailures delay=\"200ms\" maxDelay=\"400ms\" disconnectAfter=\"3\"/>\n"
        + "</pop3>\n";
    private static final ScriptedPolicy POLICY = new ScriptedPolicy();

    private static TestServer server;
    private static int pop3;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.on(Database.DERBY);
        server.home().write("pop3.xml", POP3_XML);
        server.start(binder -> binder.bind(MaildropPolicy.class).toInstance(POLICY));
        server.webAdmin().addDomain("example.org");
        server.webAdmin().addUser(USER, PASSWORD);
        pop3 = server.home().port(110);
        // The first login provisions INBOX: done once here, so that tests time nothing but themselves.
        try (Wire wire = connect()) {
            assertThat(login(wire, USER, PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void admitEveryone() {
        POLICY.admitAll();
        POLICY.forget();
    }

    @Test
    void userAndPassWithADeviceLogInTheUserAndEveryPolicyCallSeesTheDevice() throws Exception {
        try (Wire wire = connect()) {
            assertThat(login(wire, USER + "#phone", PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(wire.askMulti("CAPA")).contains(ScriptedPolicy.AFTER_LOGIN.toArray(String[]::new));
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        String seen = USER + " phone";
        assertThat(POLICY.calls()).containsExactly("admit " + seen, "view " + seen, "capabilities " + seen,
            "commit " + seen);
    }

    @Test
    void aLoginWithoutSuffixNamesNoDeviceAndTheLongestDeviceNameIsAccepted() throws Exception {
        String longest = "d".repeat(32);
        try (Wire wire = connect()) {
            assertThat(login(wire, USER, PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
        try (Wire wire = connect()) {
            assertThat(login(wire, USER + "#" + longest, PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        assertThat(POLICY.calls("admit")).containsExactly("admit " + USER + " -", "admit " + USER + " " + longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bad name", "-x", "012345678901234567890123456789012"})
    void anInvalidDeviceFailsExactlyLikeAWrongPassword(String device) throws Exception {
        try (Wire wire = connect()) {
            assertThat(login(wire, USER + "#" + device, PASSWORD)).isEqualTo(AUTH_FAILED);
            assertThat(login(wire, USER, "wrong")).isEqualTo(AUTH_FAILED);
            assertThat(wire.ask("NOOP")).isEqualTo("-ERR Not logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        assertThat(POLICY.calls()).as("the password is not even checked").isEmpty();
    }

    @Test
    void saslPlainNamesTheDeviceInEitherIdentity() throws Exception {
        try (Wire wire = connect()) {
            assertThat(wire.ask("AUTH PLAIN " + plain("", USER + "#tablet", PASSWORD))).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
        try (Wire wire = connect()) {
            assertThat(wire.ask("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(wire.ask(plain(USER + "#laptop", USER, PASSWORD))).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
        try (Wire wire = connect()) {
            assertThat(wire.ask("AUTH PLAIN " + plain("", USER + "#bad name", PASSWORD))).isEqualTo(AUTH_FAILED);
            assertThat(wire.ask("AUTH PLAIN " + plain(USER + "#pc", USER + "#phone", PASSWORD)))
                .isEqualTo("-ERR [AUTH] Authorization identity must be empty or equal to the user name.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }

        assertThat(POLICY.calls("admit")).containsExactly("admit " + USER + " tablet", "admit " + USER + " laptop");
    }

    @Test
    void aRefusalIsNotAFailureHoldsNoLockAndTheClientMayRetryOnTheSameConnection() throws Exception {
        POLICY.refuse(LoginRefusal.of(LoginRefusal.Code.LOGIN_DELAY, LOGIN_DELAY));
        try (Wire refused = connect()) {
            // disconnectAfter=3: were refusals counted as failures, the third would close the connection.
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(login(refused, USER + "#phone", PASSWORD)).isEqualTo("-ERR [LOGIN-DELAY] " + LOGIN_DELAY);
            }
            assertThat(refused.ask("STAT")).isEqualTo("-ERR Not logged in.");

            POLICY.admitAll();
            try (Wire other = connect()) {
                assertThat(login(other, USER + "#tablet", PASSWORD)).as("the refused session holds no lock")
                    .isEqualTo("+OK Logged in.");
                assertThat(other.ask("QUIT")).isEqualTo("+OK Logging out.");
            }

            assertThat(login(refused, USER + "#phone", PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(refused.ask("STAT")).startsWith("+OK ");
            assertThat(refused.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    void anUnknownDeviceRefusedWithAuthAndAFailingPolicyWithSysTemp() throws Exception {
        try (Wire wire = connect()) {
            POLICY.refuse(LoginRefusal.of(LoginRefusal.Code.AUTH, "Unknown device; register it in webmail first."));
            assertThat(login(wire, USER + "#new-phone", PASSWORD))
                .isEqualTo("-ERR [AUTH] Unknown device; register it in webmail first.");

            POLICY.fail(new IllegalStateException("a policy bug"));
            assertThat(login(wire, USER + "#phone", PASSWORD))
                .isEqualTo("-ERR [SYS/TEMP] Unable to open the mailbox; try again later.");

            POLICY.admitAll();
            assertThat(login(wire, USER + "#phone", PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    @Test
    void capaBeforeLoginListsThePolicysUserIndependentCapabilitiesAndAfterLoginTheSessions() throws Exception {
        try (Wire wire = connect()) {
            List<String> before = wire.askMulti("CAPA");
            assertThat(before).contains(ScriptedPolicy.BEFORE_LOGIN.toArray(String[]::new))
                .doesNotContain(ScriptedPolicy.AFTER_LOGIN.toArray(String[]::new));
            assertThat(before.subList(before.size() - 3, before.size()))
                .containsExactly("EXPIRE 0 USER", "LOGIN-DELAY 900 USER", ".");

            assertThat(login(wire, USER, PASSWORD)).isEqualTo("+OK Logged in.");
            assertThat(wire.askMulti("CAPA")).contains(ScriptedPolicy.AFTER_LOGIN.toArray(String[]::new))
                .doesNotContain(ScriptedPolicy.BEFORE_LOGIN.toArray(String[]::new));
            assertThat(wire.ask("QUIT")).isEqualTo("+OK Logging out.");
        }
    }

    private static Wire connect() throws Exception {
        Wire wire = new Wire(pop3);
        assertThat(wire.line()).isEqualTo("+OK Kotak POP3 server ready.");
        return wire;
    }

    /** USER then PASS; the reply to PASS. */
    private static String login(Wire wire, String user, String password) throws Exception {
        assertThat(wire.ask("USER " + user)).isEqualTo("+OK");
        return wire.ask("PASS " + password);
    }

    private static String plain(String authorizationId, String authenticationId, String password) {
        return Base64.getEncoder().encodeToString((authorizationId + "\0" + authenticationId + "\0" + password)
            .getBytes(StandardCharsets.UTF_8));
    }
}
