package dev.kotak.pop3.commands;

import static dev.kotak.pop3.testing.StubBackend.PASSWORD;
import static dev.kotak.pop3.testing.StubBackend.USER;
import static dev.kotak.pop3.testing.StubBackend.run;
import static dev.kotak.pop3.testing.StubBackend.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.util.List;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.kotak.pop3.auth.AuthFailureDamping;
import dev.kotak.pop3.auth.PassCommand;
import dev.kotak.pop3.auth.SessionLocks;
import dev.kotak.pop3.auth.UserCommand;
import dev.kotak.pop3.maildrop.KotakMailboxAdapterFactory;
import dev.kotak.pop3.maildrop.MaildropPolicy;
import dev.kotak.pop3.maildrop.Rfc1939MaildropPolicy;
import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;
import dev.kotak.pop3.testing.CapturedLog;
import dev.kotak.pop3.testing.StubBackend;

/**
 * Backend failures in the TRANSACTION and UPDATE states: a message that cannot be read is {@code [SYS/TEMP]} and
 * the session goes on; deletions that cannot be applied at QUIT are {@code [SYS/TEMP]} and the session still ends
 * and releases its lock. Each failure is one WARN with its cause, never an ERROR.
 */
class TransactionBackendFailureTest {
    private final Pop3Settings settings = Pop3Settings.of(Pop3Config.builder().sessionLock(true).build());
    private final SessionLocks locks = new SessionLocks();
    private final MaildropPolicy policy = spy(new Rfc1939MaildropPolicy());
    private StubBackend backend;
    private POP3Session session;

    @BeforeEach
    void loggedIn() throws Exception {
        backend = new StubBackend();
        session = backend.connection("s1");
        PassCommand pass = new PassCommand(backend.mailboxManager,
            new KotakMailboxAdapterFactory(backend.mailboxManager, policy, settings),
            backend.metrics, settings, new AuthFailureDamping(settings), locks);
        assertThat(text(run(new UserCommand(backend.metrics, settings), session, "USER", USER.asString())))
            .isEqualTo("+OK");
        assertThat(text(run(pass, session, "PASS", PASSWORD))).isEqualTo("+OK Logged in.");
        assertThat(locks.isLocked(USER.asString())).isTrue();
    }

    @Test
    void aMessageThatCannotBeReadIsATemporaryFailureAndTheSessionGoesOn() throws Exception {
        doThrow(new MailboxException("backend down")).when(backend.inbox)
            .getMessages(eq(MessageUid.of(1).toRange()), eq(FetchGroup.FULL_CONTENT), any());

        try (CapturedLog log = CapturedLog.attach()) {
            Response retr = command(new RetrCommand(backend.metrics), "RETR", "1");
            assertThat(text(retr)).isEqualTo("-ERR [SYS/TEMP] Unable to read message 1; try again later.");
            assertThat(retr.isEndSession()).isFalse();
            assertThat(text(command(new TopCommand(backend.metrics), "TOP", "1 0")))
                .isEqualTo("-ERR [SYS/TEMP] Unable to read message 1; try again later.");

            assertThat(session.getHandlerState()).isEqualTo(POP3Session.TRANSACTION);
            verify(policy, never()).onRetrieve(any(), any());
            assertThat(text(command(new NoopCommand(backend.metrics), "NOOP", null))).isEqualTo("+OK");
            assertThat(text(command(new StatCommand(backend.metrics), "STAT", null))).isEqualTo("+OK 2 300");
            assertThat(log.at(Level.ERROR)).isEmpty();
            assertThat(log.at(Level.WARN)).as("one WARN per failed read").hasSize(2)
                .allSatisfy(TransactionBackendFailureTest::causedByMailboxException);
        }

        Response quit = command(new QuitCommand(backend.metrics, locks), "QUIT", null);
        assertThat(text(quit)).isEqualTo("+OK Logging out.");
        assertThat(quit.isEndSession()).isTrue();
        assertThat(locks.isLocked(USER.asString())).isFalse();
    }

    @Test
    void deletionsThatCannotBeAppliedAtQuitAreATemporaryFailureAndTheSessionStillEnds() throws Exception {
        assertThat(text(command(new DeleCommand(backend.metrics), "DELE", "1"))).isEqualTo("+OK Message 1 deleted.");
        doThrow(new MailboxException("backend down")).when(backend.inbox).delete(any(), any());

        try (CapturedLog log = CapturedLog.attach()) {
            Response quit = command(new QuitCommand(backend.metrics, locks), "QUIT", null);

            assertThat(text(quit)).isEqualTo("-ERR [SYS/TEMP] Some deleted messages were not removed.");
            assertThat(quit.isEndSession()).isTrue();
            assertThat(locks.isLocked(USER.asString())).as("lock released").isFalse();
            assertThat(log.at(Level.ERROR)).isEmpty();
            assertThat(log.at(Level.WARN)).singleElement()
                .satisfies(TransactionBackendFailureTest::causedByMailboxException);
        }
        verify(backend.inbox).delete(eq(List.of(MessageUid.of(1))), eq(backend.mailboxSession));
    }

    private Response command(Pop3Command handler, String command, String argument) {
        return run(handler, session, command, argument);
    }

    private static void causedByMailboxException(ILoggingEvent event) {
        assertThat(CapturedLog.causes(event)).contains(MailboxException.class.getName());
    }
}
