package dev.kotak.pop3.conformance;

/** Users and mail on a target, set up out of band (not over POP3, so the suite never depends on what it tests). */
public interface Mailboxes {
    /** Creates the user (and its domain if needed) with this password. */
    void createUser(String user, String password);

    /**
     * Delivers {@code message} (a complete RFC 5322 message, CRLF line ends, not dot-stuffed) to {@code user}'s
     * INBOX and returns once the INBOX holds one message more than before.
     */
    void deliver(String user, String message);

    /** Messages in the user's INBOX right now. */
    long inboxCount(String user);

    /** Deletes the user's INBOX with everything in it, then creates an empty one (a new UIDVALIDITY). */
    void recreateInbox(String user);

    /**
     * Expunges every message of the user's INBOX (the mailbox itself, its UIDVALIDITY and its next UID stay), as
     * another client would, and returns once that is done.
     */
    void clearInbox(String user);
}
