package dev.kotak.pop3.maildrop;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * The TRANSACTION state of one POP3 session: the fixed listing and the DELE marks. Message numbers are
 * positions in the listing and never change (RSET only clears the marks).
 *
 * <p>Kept as a session attachment; one session's commands run one at a time, so no locking is needed.
 */
public final class Transaction {
    private static final ProtocolSession.AttachmentKey<Transaction> KEY =
        ProtocolSession.AttachmentKey.of("kotak.pop3.transaction", Transaction.class);

    private final Maildrop maildrop;
    private final List<MaildropMessage> messages;
    private final BitSet deleted;
    private final long totalSize;
    private long deletedSize;

    private Transaction(Maildrop maildrop) {
        this.maildrop = maildrop;
        this.messages = maildrop.listing();
        this.deleted = new BitSet(messages.size());
        long size = 0;
        for (MaildropMessage message : messages) {
            size += message.size();
        }
        this.totalSize = size;
    }

    public static Transaction begin(POP3Session session, Maildrop maildrop) {
        Transaction transaction = new Transaction(maildrop);
        session.setAttachment(KEY, transaction, ProtocolSession.State.Transaction);
        return transaction;
    }

    /** The session's transaction, if it is in the TRANSACTION state with Kotak's handlers. */
    public static Optional<Transaction> of(POP3Session session) {
        if (session.getHandlerState() != POP3Session.TRANSACTION) {
            return Optional.empty();
        }
        return session.getAttachment(KEY, ProtocolSession.State.Transaction);
    }

    public Maildrop maildrop() {
        return maildrop;
    }

    /** Number of messages of the listing, deleted ones included: the highest valid message number. */
    public int size() {
        return messages.size();
    }

    public MaildropMessage message(int number) {
        return messages.get(number - 1);
    }

    public boolean isDeleted(int number) {
        return deleted.get(number - 1);
    }

    public void delete(int number) {
        if (!deleted.get(number - 1)) {
            deleted.set(number - 1);
            deletedSize += messages.get(number - 1).size();
        }
    }

    public void undeleteAll() {
        deleted.clear();
        deletedSize = 0;
    }

    public int undeletedCount() {
        return messages.size() - deleted.cardinality();
    }

    public long undeletedSize() {
        return totalSize - deletedSize;
    }

    public List<MaildropMessage> deletedMessages() {
        List<MaildropMessage> result = new ArrayList<>(deleted.cardinality());
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            result.add(messages.get(i));
        }
        return result;
    }
}
