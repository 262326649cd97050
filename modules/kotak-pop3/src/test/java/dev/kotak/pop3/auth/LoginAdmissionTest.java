package dev.kotak.pop3.auth;

import static dev.kotak.pop3.testing.StubBackend.PASSWORD;
import static dev.kotak.pop3.testing.StubBackend.USER;
import static dev.kotak.pop3.testing.StubBackend.run;
import static dev.kotak.pop3.testing.StubBackend.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import dev.kotak.pop3.commands.NoopCommand;
import dev.kotak.pop3.commands.QuitCommand;
import dev.kotak.pop3.maildrop.KotakMailboxAdapterFactory;
import dev.kotak.pop3.maildrop.LoginRefusal;
import dev.kotak.pop3.protocol.DelayedReply;
import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;
import dev.kotak.pop3.testing.CapturedLog;
import dev.kotak.pop3.testing.ScriptedPolicy;
import dev.kotak.pop3.testing.StubBackend;

/**
 * The login path with a {@code #device} suffix and a policy that admits or refuses: what reaches the policy, what
 * the client reads, and that a refusal is neither damped nor counted, and holds nothing. Over the wire:
 * {@code integration.DeviceLoginTest}.
 */
class LoginAdmissionTest {
    private static final String LOGIN_DELAY = "Logins must be at least 15 minutes apart";
    private static final String AUTH_FAILED = "-ERR [AUTH] Authentication failed.";

    // disconnectAfter=1: a refusal counted as an authentication failure would close the connection.
    private final Pop3Settings settings = Pop3Settings.of(Pop3Config.builder().sessionLock(true)
        .disconnectAfterAuthFailures(1).build());
    private final SessionLocks locks = new SessionLocks();
    private final ScriptedPolicy policy = new ScriptedPolicy();
    private StubBackend backend;
    private UserCommand user;
    private PassCommand pass;
    private AuthCommand auth;
    private QuitCommand quit;

    @BeforeEach
    void handlers() throws Exception {
        backend = new StubBackend();
        KotakMailboxAdapterFactory factory = new KotakMailboxAdapterFactory(backend.mailboxManager, policy, settings);
        AuthFailureDamping damping = new AuthFailureDamping(settings);
        user = new UserCommand(backend.metrics, settings);
        pass = new PassCommand(backend.mailboxManager, factory, backend.metrics, settings, damping, locks);
        auth = new AuthCommand(backend.mailboxManager, factory, backend.metrics, settings, damping, locks);
        quit = new QuitCommand(backend.metrics, locks);
    }

    @Test
    void theDeviceReachesEveryPolicyCallAndTheSessionKeepsTheRealUser() {
        POP3Session session = backend.connection("s1");

        assertThat(text(login(session, USER.asString() + "#phone"))).isEqualTo("+OK Logged in.");
        assertThat(session.getUsername()).isEqualTo(USER);
        assertThat(locks.isLocked(USER.asString())).isTrue();
        assertThat(text(run(quit, session, "QUIT", null))).isEqualTo("+OK Logging out.");

        String seen = USER.asString() + " phone";
        assertThat(policy.calls()).containsExactly("admit " + seen, "view " + seen, "commit " + seen);
    }

    @Test
    void withoutSuffixThereIsNoDevice() {
        POP3Session session = backend.connection("s1");

        assertThat(text(login(session, USER.asString()))).isEqualTo("+OK Logged in.");
        assertThat(policy.calls()).containsExactly("admit " + USER.asString() + " -", "view " + USER.asString() + " -");
    }

    @Test
    void saslPlainNamesTheDeviceToo() {
        POP3Session session = backend.connection("s1");
        String response = Base64.getEncoder().encodeToString(("\0" + USER.asString() + "#tablet\0" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

        assertThat(text(run(auth, session, "AUTH", "PLAIN " + response))).isEqualTo("+OK Logged in.");
        assertThat(session.getUsername()).isEqualTo(USER);
        assertThat(policy.calls("admit")).containsExactly("admit " + USER.asString() + " tablet");
    }

    @Test
    void anInvalidDeviceFailsExactlyLikeAWrongPasswordWithoutCheckingIt() throws Exception {
        Pop3Settings lenient = Pop3Settings.of(Pop3Config.DEFAULTS);
        PassCommand damped = new PassCommand(backend.mailboxManager,
            new KotakMailboxAdapterFactory(backend.mailboxManager, policy, lenient), backend.metrics, lenient,
            new AuthFailureDamping(lenient), locks);
        POP3Session session = backend.connection("s1");

        assertThat(text(run(user, session, "USER", USER.asString() + "#bad name"))).isEqualTo("+OK");
        Response invalidDevice = run(damped, session, "PASS", PASSWORD);
        assertThat(text(run(user, session, "USER", USER.asString()))).isEqualTo("+OK");
        Response wrongPassword = run(damped, session, "PASS", "wrong");

        assertThat(text(invalidDevice)).isEqualTo(AUTH_FAILED).isEqualTo(text(wrongPassword));
        assertThat(invalidDevice).isInstanceOf(DelayedReply.class);
        assertThat(((DelayedReply) invalidDevice).delay()).isEqualTo(Pop3Config.DEFAULTS.authFailureDelay());
        assertThat(((DelayedReply) wrongPassword).delay()).as("the invalid device counted as a failure for the user")
            .isEqualTo(Pop3Config.DEFAULTS.authFailureDelay().multipliedBy(2));
        assertThat(session.getHandlerState()).isEqualTo(POP3Session.AUTHENTICATION_READY);
        verify(backend.mailboxManager, never()).authenticate(any(), eq(PASSWORD));
        assertThat(policy.calls()).isEmpty();
    }

    @Test
    void aRefusalIsAnsweredWithItsCodeIsNotDampedHoldsNothingAndTheClientMayRetry() {
        policy.refuse(LoginRefusal.of(LoginRefusal.Code.LOGIN_DELAY, LOGIN_DELAY));
        POP3Session session = backend.connection("s1");

        for (int attempt = 1; attempt <= 3; attempt++) {
            Response reply = login(session, USER.asString() + "#phone");

            assertThat(text(reply)).isEqualTo("-ERR [LOGIN-DELAY] " + LOGIN_DELAY);
            assertThat(reply).as("right password: not damped").isNotInstanceOf(DelayedReply.class);
            assertThat(reply.isEndSession()).as("not counted towards disconnectAfter=1").isFalse();
            assertAuthorizationStateUnlocked(session);
        }
        assertThat(policy.calls()).containsOnly("admit " + USER.asString() + " phone").hasSize(3);

        policy.admitAll();
        assertThat(text(login(session, USER.asString() + "#phone"))).isEqualTo("+OK Logged in.");
        assertThat(locks.isLocked(USER.asString())).isTrue();
    }

    @Test
    void aPolicyThatThrowsIsATemporaryFailureLoggedAsAWarning() {
        policy.fail(new IllegalStateException("policy bug"));
        POP3Session session = backend.connection("s1");

        try (CapturedLog log = CapturedLog.attach()) {
            Response reply = login(session, USER.asString());

            assertThat(text(reply)).isEqualTo("-ERR [SYS/TEMP] Unable to open the mailbox; try again later.");
            assertThat(reply).isNotInstanceOf(DelayedReply.class);
            assertThat(reply.isEndSession()).isFalse();
            assertAuthorizationStateUnlocked(session);
            assertThat(log.at(Level.ERROR)).isEmpty();
            assertThat(log.at(Level.WARN)).singleElement()
                .satisfies(event -> assertThat(CapturedLog.causes(event)).contains(IllegalStateException.class.getName()));
        }
        assertThat(policy.calls("view")).isEmpty();
    }

    private Response login(POP3Session session, String name) {
        assertThat(text(run(user, session, "USER", name))).isEqualTo("+OK");
        return run(pass, session, "PASS", PASSWORD);
    }

    private void assertAuthorizationStateUnlocked(POP3Session session) {
        assertThat(session.getHandlerState()).isEqualTo(POP3Session.AUTHENTICATION_READY);
        assertThat(session.getUserMailbox()).isNull();
        assertThat(locks.isLocked(USER.asString())).isFalse();
        assertThat(text(run(new NoopCommand(backend.metrics), session, "NOOP", null)))
            .isEqualTo("-ERR Not logged in.");
    }
}
