package dev.kotak.pop3.maildrop;

import java.util.List;

/**
 * What a client's POP3 session asks the server to do when it commits with QUIT (RFC 1939 UPDATE state):
 * the messages it marked with DELE, and those it downloaded in full (RETR, or TOP that reached the end).
 */
public final class MaildropUpdate {
    private final List<MaildropMessage> deleted;
    private final List<MaildropMessage> retrieved;

    public MaildropUpdate(List<MaildropMessage> deleted, List<MaildropMessage> retrieved) {
        this.deleted = List.copyOf(deleted);
        this.retrieved = List.copyOf(retrieved);
    }

    /** Marked with DELE and not unmarked by RSET, in message-number order. */
    public List<MaildropMessage> deleted() {
        return deleted;
    }

    /** Downloaded in full during the session, deleted ones included, in the order they were retrieved. */
    public List<MaildropMessage> retrieved() {
        return retrieved;
    }
}
