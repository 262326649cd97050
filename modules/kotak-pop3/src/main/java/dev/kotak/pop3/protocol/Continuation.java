package dev.kotak.pop3.protocol;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * The next client line is not a command but data for the command in progress (the SASL response after
 * {@code + }). The dispatcher feeds it here instead of parsing it, so every line still passes through one
 * place (bad-command count, delayed replies).
 */
public interface Continuation {
    ProtocolSession.AttachmentKey<Continuation> KEY =
        ProtocolSession.AttachmentKey.of("kotak.pop3.continuation", Continuation.class);

    Response onLine(POP3Session session, String line);

    static void expect(POP3Session session, Continuation continuation) {
        session.setAttachment(KEY, continuation, ProtocolSession.State.Connection);
    }
}
