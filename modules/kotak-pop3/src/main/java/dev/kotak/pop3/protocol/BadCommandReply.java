package dev.kotak.pop3.protocol;

import org.apache.james.protocols.pop3.POP3Response;

/**
 * An {@code -ERR} for a command the client should not have sent (unknown, wrong state, bad syntax). The
 * dispatcher counts consecutive ones and closes the connection at the {@code badCommands} limit.
 */
public final class BadCommandReply extends POP3Response {
    public BadCommandReply(String text) {
        super(ERR_RESPONSE, text);
    }
}
