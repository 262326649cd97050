package dev.kotak.pop3.auth;

import static dev.kotak.pop3.testing.StubBackend.PASSWORD;
import static dev.kotak.pop3.testing.StubBackend.USER;
import static dev.kotak.pop3.testing.StubBackend.run;
import static dev.kotak.pop3.testing.StubBackend.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import dev.kotak.pop3.commands.NoopCommand;
import dev.kotak.pop3.commands.QuitCommand;
import dev.kotak.pop3.maildrop.KotakMailboxAdapterFactory;
import dev.kotak.pop3.maildrop.Rfc1939MaildropPolicy;
import dev.kotak.pop3.protocol.DelayedReply;
import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;
import dev.kotak.pop3.testing.CapturedLog;
import dev.kotak.pop3.testing.StubBackend;

/** Right credentials, failing backend: {@code [SYS/TEMP]} at login, the connection back in AUTHORIZATION, unlocked. */
class LoginBackendFailureTest {
    private static final String UNAVAILABLE = "-ERR [SYS/TEMP] Unable to open the mailbox; try again later.";

    private final Pop3Settings settings = Pop3Settings.of(Pop3Config.builder().sessionLock(true).build());
    private final SessionLocks locks = new SessionLocks();
    private StubBackend backend;
    private UserCommand user;
    private PassCommand pass;
    private QuitCommand quit;

    @BeforeEach
    void handlers() throws Exception {
        backend = new StubBackend();
        user = new UserCommand(backend.metrics, settings);
        pass = new PassCommand(backend.mailboxManager,
            new KotakMailboxAdapterFactory(backend.mailboxManager, new Rfc1939MaildropPolicy(), settings),
            backend.metrics, settings, new AuthFailureDamping(settings), locks);
        quit = new QuitCommand(backend.metrics, locks);
    }

    @Test
    void inboxThatCannotBeOpenedIsATemporaryFailureAndTheClientCanRetryOnTheSameConnection() throws Exception {
        doThrow(new MailboxException("backend down")).when(backend.mailboxManager)
            .getMailbox(any(MailboxPath.class), any());
        POP3Session session = backend.connection("s1");

        try (CapturedLog log = CapturedLog.attach()) {
            Response reply = login(session);

            assertThat(text(reply)).isEqualTo(UNAVAILABLE);
            assertThat(reply).as("right password: not damped").isNotInstanceOf(DelayedReply.class);
            assertThat(reply.isEndSession()).isFalse();
            assertAuthorizationStateUnlocked(session);
            assertOneWarningWithTheCauseAndNoError(log);
        }

        doReturn(backend.inbox).when(backend.mailboxManager).getMailbox(any(MailboxPath.class), any());
        assertThat(text(login(session))).isEqualTo("+OK Logged in.");
        assertThat(locks.isLocked(USER.asString())).isTrue();
        Response bye = run(quit, session, "QUIT", null);
        assertThat(text(bye)).isEqualTo("+OK Logging out.");
        assertThat(bye.isEndSession()).isTrue();
        assertThat(locks.isLocked(USER.asString())).isFalse();
    }

    @Test
    void inboxThatCannotBeListedIsATemporaryFailureAndReleasesTheLockJustTaken() throws Exception {
        doThrow(new MailboxException("backend down")).when(backend.inbox)
            .getMessages(eq(MessageRange.all()), eq(FetchGroup.MINIMAL), any());
        POP3Session session = backend.connection("s1");

        try (CapturedLog log = CapturedLog.attach()) {
            Response reply = login(session);

            assertThat(text(reply)).isEqualTo(UNAVAILABLE);
            assertThat(reply).isNotInstanceOf(DelayedReply.class);
            assertThat(reply.isEndSession()).isFalse();
            assertAuthorizationStateUnlocked(session);
            assertOneWarningWithTheCauseAndNoError(log);
        }

        Response bye = run(quit, session, "QUIT", null);
        assertThat(text(bye)).isEqualTo("+OK Logging out.");
        assertThat(bye.isEndSession()).isTrue();
    }

    private Response login(POP3Session session) {
        assertThat(text(run(user, session, "USER", USER.asString()))).isEqualTo("+OK");
        return run(pass, session, "PASS", PASSWORD);
    }

    private void assertAuthorizationStateUnlocked(POP3Session session) {
        assertThat(session.getHandlerState()).isEqualTo(POP3Session.AUTHENTICATION_READY);
        assertThat(session.getUserMailbox()).isNull();
        assertThat(locks.isLocked(USER.asString())).isFalse();
        assertThat(text(run(new NoopCommand(backend.metrics), session, "NOOP", null)))
            .isEqualTo("-ERR Not logged in.");
    }

    private static void assertOneWarningWithTheCauseAndNoError(CapturedLog log) {
        assertThat(log.at(Level.ERROR)).isEmpty();
        assertThat(log.at(Level.WARN)).singleElement()
            .satisfies(event -> assertThat(CapturedLog.causes(event)).contains(MailboxException.class.getName()));
    }
}
