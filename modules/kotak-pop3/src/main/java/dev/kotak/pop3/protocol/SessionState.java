package dev.kotak.pop3.protocol;

import org.apache.james.protocols.pop3.POP3Session;

/** Connection-level facts shared by Kotak's handlers. */
public final class SessionState {
    private SessionState() {
    }

    /** The connection is gone: delayed work for it must stop. */
    public static void markClosed(POP3Session session) {
        ReplyGate.markClosed(session);
    }

    public static boolean isClosed(POP3Session session) {
        return ReplyGate.isClosed(session);
    }
}
