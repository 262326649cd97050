package dev.kotak.pop3.maildrop;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.MessageUid;

/**
 * What a client's POP3 session asks the server to do when it commits with QUIT (RFC 1939 UPDATE state):
 * the messages it marked with DELE, and those it downloaded in full (RETR, or TOP that reached the end).
 */
public final class MaildropUpdate {
    private final List<MaildropMessage> deleted;
    private final List<MaildropMessage> retrieved;
    private final Map<MessageUid, Optional<String>> messageIds;

    public MaildropUpdate(List<MaildropMessage> deleted, List<MaildropMessage> retrieved) {
        this(deleted, retrieved, Map.of());
    }

    public MaildropUpdate(List<MaildropMessage> deleted, List<MaildropMessage> retrieved,
                          Map<MessageUid, Optional<String>> messageIds) {
        this.deleted = List.copyOf(deleted);
        this.retrieved = List.copyOf(retrieved);
        this.messageIds = Map.copyOf(messageIds);
    }

    /** Marked with DELE and not unmarked by RSET, in message-number order. */
    public List<MaildropMessage> deleted() {
        return deleted;
    }

    /** Downloaded in full during the session, deleted ones included, in the order they were retrieved. */
    public List<MaildropMessage> retrieved() {
        return retrieved;
    }

    /**
     * The Message-ID header of the messages whose header section this session sent (RETR, TOP), by UID; empty for
     * a message without one. A message not in the map was not sent (or its sending was cut short): read it from
     * the mailbox if you need it.
     */
    public Map<MessageUid, Optional<String>> messageIds() {
        return messageIds;
    }
}
