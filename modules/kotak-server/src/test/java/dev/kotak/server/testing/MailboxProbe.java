package dev.kotak.server.testing;

import javax.inject.Inject;
import javax.inject.Named;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.utils.GuiceProbe;

/** Hands the server's mailbox manager to a test: start the server with {@link #MODULE}. */
public final class MailboxProbe implements GuiceProbe {
    public static final Module MODULE = binder ->
        Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(MailboxProbe.class);

    private final MailboxManager mailboxManager;

    @Inject
    public MailboxProbe(@Named("mailboxmanager") MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    public MailboxManager mailboxManager() {
        return mailboxManager;
    }
}
