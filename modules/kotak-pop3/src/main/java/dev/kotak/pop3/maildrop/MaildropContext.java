package dev.kotak.pop3.maildrop;

import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;

/** What a {@link MaildropPolicy} knows about the POP3 session it acts for. Immutable. */
public final class MaildropContext {
    private final Username user;
    private final Optional<String> device;
    private final MailboxManager mailboxManager;
    private final MessageManager inbox;
    private final MailboxSession mailboxSession;

    /** A session that names no device. */
    public MaildropContext(Username user, MailboxManager mailboxManager, MessageManager inbox,
                           MailboxSession mailboxSession) {
        this(user, Optional.empty(), mailboxManager, inbox, mailboxSession);
    }

    public MaildropContext(Username user, Optional<String> device, MailboxManager mailboxManager, MessageManager inbox,
                           MailboxSession mailboxSession) {
        this.user = user;
        this.device = Objects.requireNonNull(device, "device");
        this.mailboxManager = mailboxManager;
        this.inbox = inbox;
        this.mailboxSession = mailboxSession;
    }

    /** The user who logged in (without any {@code #device} suffix). */
    public Username user() {
        return user;
    }

    /**
     * The device the client named by logging in as {@code user#device}, exactly as typed (Kotak only checked it is
     * 1 to 32 letters, digits, {@code _} or {@code -}, starting with a letter or digit); empty if it named none.
     */
    public Optional<String> device() {
        return device;
    }

    /** This context for {@code device}. */
    public MaildropContext withDevice(Optional<String> device) {
        return new MaildropContext(user, device, mailboxManager, inbox, mailboxSession);
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
