package dev.kotak.retention.integration;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;

import dev.kotak.retention.state.MarksJournal;

/** The journal of {@link #USER} cannot be read, as when the store fails; everyone else's works. */
@Singleton
final class UnreadableJournal extends MarksJournal {
    static final String USER = "unreadable@example.org";

    @Inject
    UnreadableJournal(@Named("mailboxmanager") MailboxManager mailboxManager, MailboxSessionMapperFactory mappers) {
        super(mailboxManager, mappers);
    }

    @Override
    public int settle(MessageManager inbox, MailboxSession session) throws MailboxException {
        if (inbox.getMailboxPath().getUser().asString().equals(USER)) {
            throw new MailboxException("test: the journal of " + USER + " cannot be read");
        }
        return super.settle(inbox, session);
    }
}
