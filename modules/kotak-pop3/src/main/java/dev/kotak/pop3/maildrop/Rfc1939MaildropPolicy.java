package dev.kotak.pop3.maildrop;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Singleton;

import org.apache.james.mailbox.exception.MailboxException;

/** RFC 1939 as written: every INBOX message is listed, and QUIT expunges the DELE'd ones; nothing else. */
@Singleton
public class Rfc1939MaildropPolicy implements MaildropPolicy {

    @Override
    public List<MaildropMessage> view(MaildropContext context, List<MaildropMessage> inbox) {
        return inbox;
    }

    @Override
    public void onRetrieve(MaildropContext context, MaildropMessage message) {
        // RFC 1939 keeps no trace of downloads.
    }

    @Override
    public void commit(MaildropContext context, MaildropUpdate update) throws MailboxException {
        if (update.deleted().isEmpty()) {
            return;
        }
        context.inbox().delete(update.deleted().stream().map(MaildropMessage::uid).collect(Collectors.toList()),
            context.mailboxSession());
    }
}
