package dev.kotak.pop3.maildrop;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;

/** What a {@link MaildropPolicy} knows about the POP3 session it acts for. */
public final class MaildropContext {
    private final Username user;
    private final MailboxManager mailboxManager;
    private final MessageManager inbox;
    private final MailboxSession mailboxSession;

    public MaildropContext(Username user, MailboxManager mailboxManager, MessageManager inbox,
                           MailboxSession mailboxSession) {
        this.user = user;
        this.mailboxManager = mailboxManager;
        this.inbox = inbox;
        this.mailboxSession = mailboxSession;
    }

    public Username user() {
        return user;
    }

    public MailboxManager mailboxManager() {
        return mailboxManager;
    }

    /** The user's INBOX, the only mailbox POP3 sees. */
    public MessageManager inbox() {
        return inbox;
    }

    public MailboxSession mailboxSession() {
        return mailboxSession;
    }
}
