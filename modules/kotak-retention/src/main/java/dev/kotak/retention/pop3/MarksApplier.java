package dev.kotak.retention.pop3;

import org.apache.james.core.Username;

import com.google.inject.ImplementedBy;

/**
 * Settles a user's journaled marks ({@link dev.kotak.retention.state.MarksJournal}) once QUIT has answered. A seam
 * so that tests can hold the work back, as a crash right after {@code +OK} would.
 */
@ImplementedBy(BackgroundMarksApplier.class)
public interface MarksApplier {
    /** Settles {@code user}'s INBOX journal soon, off the POP3 session's thread. */
    void settleSoon(Username user);
}
