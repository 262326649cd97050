package dev.kotak.pop3.auth;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Singleton;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * Exclusive POP3 maildrop locks (RFC 1939 section 8: "the server should lock the maildrop"), one per user,
 * held by a session id. In-memory: it covers every listener of this James, not other nodes of a cluster.
 */
@Singleton
public class SessionLocks {
    private static final ProtocolSession.AttachmentKey<String> HELD =
        ProtocolSession.AttachmentKey.of("kotak.pop3.lockedUser", String.class);

    private final Map<String, String> holders = new ConcurrentHashMap<>();

    /** Takes {@code user}'s lock for this connection; remembered on the session for {@link #releaseHeld}. */
    public boolean tryAcquire(POP3Session session, String user) {
        if (!tryAcquire(user, session.getSessionID())) {
            return false;
        }
        session.setAttachment(HELD, user, ProtocolSession.State.Connection);
        return true;
    }

    /** Releases whatever lock this connection holds (QUIT, disconnect, idle timeout). */
    public void releaseHeld(POP3Session session) {
        session.removeAttachment(HELD, ProtocolSession.State.Connection)
            .ifPresent(user -> release(user, session.getSessionID()));
    }

    /** True if {@code sessionId} now holds (or already held) {@code user}'s lock. */
    public boolean tryAcquire(String user, String sessionId) {
        String holder = holders.putIfAbsent(key(user), sessionId);
        return holder == null || holder.equals(sessionId);
    }

    /** Releases the lock if {@code sessionId} holds it; harmless otherwise (called on QUIT and on disconnect). */
    public void release(String user, String sessionId) {
        holders.remove(key(user), sessionId);
    }

    public boolean isLocked(String user) {
        return holders.containsKey(key(user));
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
