package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3StartTlsResponse;

import dev.kotak.pop3.protocol.Replies;

/**
 * STLS (RFC 2595). Where the listener has no STARTTLS the session simply goes on after {@code -ERR} (the greeting
 * turned off James's command-injection guard for such listeners, which otherwise kills the connection).
 */
public class StlsCommand extends Pop3Command {
    @Inject
    public StlsCommand(MetricFactory metricFactory) {
        super(metricFactory, "STLS");
    }

    @Override
    protected Response handle(POP3Session session, String argument) {
        if (hasArgument(argument)) {
            return Replies.noArguments("STLS");
        }
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Replies.bad(Replies.ALREADY_LOGGED_IN);
        }
        if (session.isTLSStarted()) {
            return Replies.bad("TLS is already active.");
        }
        if (!session.isStartTLSSupported()) {
            // Not a bad command: fetchmail sends STLS whether or not it is offered.
            return Replies.err("TLS support isn't enabled.");
        }
        return new POP3StartTlsResponse(POP3Response.OK_RESPONSE, "Begin TLS negotiation.");
    }
}
