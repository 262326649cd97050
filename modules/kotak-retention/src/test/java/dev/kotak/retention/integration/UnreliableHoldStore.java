package dev.kotak.retention.integration;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import dev.kotak.core.retention.LegalHold;
import dev.kotak.retention.holds.HoldStore;
import dev.kotak.retention.holds.MailboxHoldStore;

/** The real WebAdmin hold store, with a switch that makes it fail as a broken mailbox backend would. */
final class UnreliableHoldStore implements HoldStore {
    static final AtomicBoolean FAILING = new AtomicBoolean();

    private final MailboxHoldStore delegate;

    @Inject
    UnreliableHoldStore(MailboxHoldStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<LegalHold> list() throws HoldStoreException {
        failIfAsked();
        return delegate.list();
    }

    @Override
    public void put(LegalHold hold) throws HoldStoreException {
        failIfAsked();
        delegate.put(hold);
    }

    @Override
    public boolean remove(String user) throws HoldStoreException {
        failIfAsked();
        return delegate.remove(user);
    }

    private static void failIfAsked() throws HoldStoreException {
        if (FAILING.get()) {
            throw new HoldStoreException("injected by the test", new IOException("mailbox backend unavailable"));
        }
    }
}
