package dev.kotak.pop3.maildrop;

import java.time.Instant;
import java.util.Objects;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;

/**
 * A message of a POP3 maildrop: its IMAP UID in INBOX, its size in octets and the unique-id UIDL shows, plus
 * its flags and internal date as read at login, so that a policy can choose the listing without reading INBOX
 * a second time.
 */
public final class MaildropMessage {
    private static final Flags NO_FLAGS = new Flags();

    private final MessageUid uid;
    private final long size;
    private final String uidl;
    private final Flags flags;
    private final Instant internalDate;

    public MaildropMessage(MessageUid uid, long size, String uidl) {
        this(uid, size, uidl, NO_FLAGS, Instant.EPOCH);
    }

    public MaildropMessage(MessageUid uid, long size, String uidl, Flags flags, Instant internalDate) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.size = size;
        this.uidl = Objects.requireNonNull(uidl, "uidl");
        this.flags = new Flags(Objects.requireNonNull(flags, "flags"));
        this.internalDate = Objects.requireNonNull(internalDate, "internalDate");
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

    /** The flags at login (a copy: later changes by other sessions are not reflected). */
    public Flags flags() {
        return new Flags(flags);
    }

    /** The keywords (IMAP user flags) at login, without copying the flags: a policy reads them for every message. */
    public String[] keywords() {
        return flags.getUserFlags();
    }

    /** When the message arrived (IMAP INTERNALDATE). */
    public Instant internalDate() {
        return internalDate;
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
