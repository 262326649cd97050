package dev.kotak.pop3.maildrop;

import java.util.Objects;

import org.apache.james.mailbox.MessageUid;

/** A message of a POP3 maildrop: its IMAP UID in INBOX, its size in octets and the unique-id UIDL shows. */
public final class MaildropMessage {
    private final MessageUid uid;
    private final long size;
    private final String uidl;

    public MaildropMessage(MessageUid uid, long size, String uidl) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.size = size;
        this.uidl = Objects.requireNonNull(uidl, "uidl");
    }

    public MessageUid uid() {
        return uid;
    }

    public long size() {
        return size;
    }

    public String uidl() {
        return uidl;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MaildropMessage && uid.equals(((MaildropMessage) other).uid);
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    @Override
    public String toString() {
        return "MaildropMessage{uid=" + uid.asLong() + ", size=" + size + ", uidl=" + uidl + "}";
    }
}
