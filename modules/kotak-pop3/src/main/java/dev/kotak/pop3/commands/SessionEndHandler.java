package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.auth.SessionLocks;
import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.SessionState;

/**
 * Runs when the connection ends for any reason (QUIT, client gone, idle timeout): releases the session lock and
 * the mailbox. Commits nothing: without QUIT there is no UPDATE state (RFC 1939 section 6).
 */
public class SessionEndHandler implements DisconnectHandler<POP3Session> {
    private final SessionLocks locks;

    @Inject
    public SessionEndHandler(SessionLocks locks) {
        this.locks = locks;
    }

    @Override
    public void onDisconnect(POP3Session session) {
        if (session == null) {
            return;
        }
        SessionState.markClosed(session);
        locks.releaseHeld(session);
        Transaction.of(session).ifPresent(transaction -> transaction.maildrop().close());
    }
}
