package dev.kotak.pop3.auth;

import java.net.InetSocketAddress;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.settings.Pop3Config;

/**
 * {@code <plaintextAuth requireTls exemptLoopback>}: whether USER, PASS and AUTH PLAIN may be used on this
 * connection now (RFC 2595 section 6). Implicit-TLS listeners always qualify.
 */
public final class PlaintextLogin {
    private PlaintextLogin() {
    }

    public static boolean allowed(POP3Session session, Pop3Config config) {
        if (!config.requireTls() || session.isTLSStarted()) {
            return true;
        }
        return config.exemptLoopback() && isLoopback(session);
    }

    /** The refusal, pointing at STLS only where the listener offers it. */
    public static Response refusal(POP3Session session) {
        return Replies.err(session.isStartTLSSupported()
            ? Replies.PLAINTEXT_DISALLOWED_STLS
            : Replies.PLAINTEXT_DISALLOWED);
    }

    private static boolean isLoopback(POP3Session session) {
        InetSocketAddress remote = session.getRemoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }
}
