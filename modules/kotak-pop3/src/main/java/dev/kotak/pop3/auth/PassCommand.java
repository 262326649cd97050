package dev.kotak.pop3.auth;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.KotakMailboxAdapterFactory;
import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * PASS. Unlike stock James, a PASS in the TRANSACTION state is refused and changes nothing (stock James logged
 * the session out and dropped its pending DELEs).
 */
public class PassCommand extends LoginHandler {
    @Inject
    public PassCommand(@Named("mailboxmanager") MailboxManager mailboxManager,
                       KotakMailboxAdapterFactory adapterFactory, MetricFactory metricFactory, Pop3Settings settings,
                       AuthFailureDamping damping, SessionLocks locks) {
        super(mailboxManager, adapterFactory, metricFactory, settings, damping, locks, "PASS");
    }

    @Override
    protected Response handle(POP3Session session, String argument) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Replies.bad(Replies.ALREADY_LOGGED_IN);
        }
        if (!PlaintextLogin.allowed(session, settings.current())) {
            return PlaintextLogin.refusal(session);
        }
        Optional<LoginName> name = UserCommand.loginName(session);
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_USERSET || name.isEmpty()) {
            return Replies.bad("No user name given; send USER first.");
        }
        if (argument == null || argument.isEmpty()) {
            return Replies.usage("PASS password");
        }
        return login(session, name.get(), argument);
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of("PASS");
    }
}
