package dev.kotak.pop3.auth;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.commands.Pop3Command;
import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * USER. Answers {@code +OK} for any valid name, so that it reveals nothing about which users exist. The name may end
 * in {@code #device} ({@link LoginName}): the session's user name is the part before it, so that James, the lock
 * and the logs see the real user; the whole name is kept for PASS, which refuses an invalid device exactly like a
 * wrong password (answering here would tell a guesser that only the device was wrong).
 */
public class UserCommand extends Pop3Command {
    private static final ProtocolSession.AttachmentKey<LoginName> LOGIN_NAME =
        ProtocolSession.AttachmentKey.of("kotak.pop3.loginName", LoginName.class);

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
        LoginName name = LoginName.parse(argument.trim());
        Username user;
        try {
            user = Username.of(name.user());
        } catch (IllegalArgumentException invalid) {
            return Replies.bad("Invalid user name.");
        }
        session.setUsername(user);
        session.setAttachment(LOGIN_NAME, name, ProtocolSession.State.Connection);
        session.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
        return Replies.OK;
    }

    /** The name given by the last accepted USER of this connection, device included. */
    static Optional<LoginName> loginName(POP3Session session) {
        return session.getAttachment(LOGIN_NAME, ProtocolSession.State.Connection);
    }
}
