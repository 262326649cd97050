package dev.kotak.retention.holds;

import java.util.List;

import com.google.inject.ImplementedBy;

import dev.kotak.core.retention.LegalHold;

/**
 * Where holds set through WebAdmin live. At most one hold per user; setting one replaces the previous.
 * {@code @ImplementedBy} rather than a binding in RetentionModule, so that a test can bind another store in the
 * server's root injector (a child injector may not bind a key its parent binds).
 */
@ImplementedBy(MailboxHoldStore.class)
public interface HoldStore {
    List<LegalHold> list() throws HoldStoreException;

    void put(LegalHold hold) throws HoldStoreException;

    /** @return true if the user had a hold */
    boolean remove(String user) throws HoldStoreException;

    class HoldStoreException extends Exception {
        public HoldStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
