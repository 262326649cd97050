package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * The greeting, without the APOP timestamp stock James sends (APOP cannot work with hashed passwords, and mpop
 * picks it when it sees one). Also where conf/pop3.xml is first read, so a bad file stops James at startup.
 */
public class GreetingHandler implements ConnectHandler<POP3Session> {
    private final Pop3Settings settings;

    @Inject
    public GreetingHandler(Pop3Settings settings) {
        this.settings = settings;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        settings.config();
    }

    @Override
    public Response onConnect(POP3Session session) {
        if (!session.isStartTLSSupported()) {
            // James's framer guards against STARTTLS command injection by killing the connection after any
            // "STLS" line; with no STARTTLS on this listener there is nothing to guard, and the client deserves
            // a plain -ERR (stock James defect 3).
            session.stopDetectingCommandInjection();
        }
        return Replies.ok(Replies.GREETING);
    }
}
