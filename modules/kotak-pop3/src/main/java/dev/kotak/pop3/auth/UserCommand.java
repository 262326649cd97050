package dev.kotak.pop3.auth;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.commands.Pop3Command;
import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.settings.Pop3Settings;

/** USER. Answers {@code +OK} for any valid name, so that it reveals nothing about which users exist. */
public class UserCommand extends Pop3Command {
    private final Pop3Settings settings;

    @Inject
    public UserCommand(MetricFactory metricFactory, Pop3Settings settings) {
        super(metricFactory, "USER");
        this.settings = settings;
    }

    @Override
    protected Response handle(POP3Session session, String argument) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Replies.bad(Replies.ALREADY_LOGGED_IN);
        }
        if (!PlaintextLogin.allowed(session, settings.current())) {
            return PlaintextLogin.refusal(session);
        }
        if (!hasArgument(argument)) {
            return Replies.usage("USER name");
        }
        Username user;
        try {
            user = Username.of(argument.trim());
        } catch (IllegalArgumentException invalid) {
            return Replies.bad("Invalid user name.");
        }
        session.setUsername(user);
        session.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
        return Replies.OK;
    }
}
