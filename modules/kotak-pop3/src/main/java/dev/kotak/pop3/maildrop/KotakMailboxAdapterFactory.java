package dev.kotak.pop3.maildrop;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.pop3server.mailbox.MailboxAdapterFactory;
import org.apache.james.protocols.pop3.mailbox.Mailbox;

import dev.kotak.pop3.settings.Pop3Settings;

/**
 * Makes the {@link Maildrop} of a session that just logged in. Passed by our PASS/AUTH handlers to James's
 * {@code PassCmdHandler}: James's own {@code MailboxAdapterFactory} binding cannot be replaced from
 * extensions-jars, and it does not need to be.
 */
@Singleton
public class KotakMailboxAdapterFactory implements MailboxAdapterFactory {
    private final MailboxManager mailboxManager;
    private final MaildropPolicy policy;
    private final Pop3Settings settings;

    @Inject
    public KotakMailboxAdapterFactory(@Named("mailboxmanager") MailboxManager mailboxManager, MaildropPolicy policy,
                                      Pop3Settings settings) {
        this.mailboxManager = mailboxManager;
        this.policy = policy;
        this.settings = settings;
    }

    @Override
    public Mailbox create(MessageManager inbox, MailboxSession session) {
        MaildropContext context = new MaildropContext(session.getUser(), mailboxManager, inbox, session);
        return new Maildrop(mailboxManager, context, policy, settings.current().uidlFormat());
    }
}
