package dev.kotak.server.jpa;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

/**
 * James's JPA message mapper with the two writes that POP3 retention and IMAP clients repeat over many messages
 * made proportional to the rows they change, and long listings made proportional to the messages they list:
 * <ul>
 *   <li>deleting messages (IMAP {@code EXPUNGE}, POP3 {@code QUIT}, the retention sweeper) removes each message by
 *       its primary key;</li>
 *   <li>updating flags (IMAP {@code STORE}, retention marks at POP3 {@code QUIT}) writes only the changed rows, in
 *       SQL ({@link FlagsRowsUpdate}: why, and what it costs);</li>
 *   <li>a batch of a long listing (every POP3 login, {@code MessageManager.getMessages}) is read by the UID range
 *       that holds it, so the keyword and property rows read are those of the batch ({@link BatchUidBound}: why).</li>
 * </ul>
 *
 * <p>Why the delete: James 3.8.1 deletes each contiguous UID range with a JPQL bulk delete, which OpenJPA turns into
 * {@code DELETE FROM JAMES_MAIL WHERE EXISTS (SELECT ... correlated ...)}; Derby runs that as a scan of the whole
 * {@code JAMES_MAIL} table (every user's mail), once per range. Scattered UIDs make one range per message, so
 * removing k messages cost k full-table scans: the retention sweep that removed 10,000 of 50,000 messages took
 * 488 s, x11.5 the time for x4 the messages (bench/sweeper, bench/README.md). Here each range is read through the
 * primary-key index, as James does to build the expunge events, and each message is then removed as an entity:
 * OpenJPA deletes its row by primary key, and its user-flag and property rows with it ({@code CascadeType.ALL};
 * the database's {@code ON DELETE CASCADE} foreign keys are a second guard). Cost: proportional to the messages
 * removed, not to the table.
 *
 * <p>Transactions are unchanged: the caller ({@code StoreMessageManager}) runs both inside the mapper's
 * {@code execute}, so all the ranges of one call are written in one transaction, at its commit.
 */
public class KotakMessageMapper extends JPAMessageMapper {
    private static final int UNLIMITED = -1;

    private final JPAModSeqProvider modSeqProvider;

    public KotakMessageMapper(JPAUidProvider uidProvider, JPAModSeqProvider modSeqProvider,
                              EntityManagerFactory entityManagerFactory) {
        super(uidProvider, modSeqProvider, entityManagerFactory);
        this.modSeqProvider = modSeqProvider;
    }

    /**
     * A batch ({@code max > 0}) of an open or wide range is read between its first UID and the UID of its
     * {@code max}-th message. Should an expunge empty that range between the two reads, the batch is read as James
     * reads it: an empty batch would end the caller's listing early.
     */
    @Override
    public Iterator<MailboxMessage> findInMailbox(Mailbox mailbox, MessageRange set, FetchType type, int max)
        throws MailboxException {
        if (max <= 0 || set.getType() == MessageRange.Type.ONE) {
            return super.findInMailbox(mailbox, set, type, max);
        }
        if (type == FetchType.METADATA) {
            return readMetadata(mailbox, set, max);
        }
        Optional<MessageRange> batch = firstBatchOf(mailbox, set, max);
        if (batch.isPresent()) {
            Iterator<MailboxMessage> messages = super.findInMailbox(mailbox, batch.get(), type, max);
            if (messages.hasNext()) {
                return messages;
            }
        }
        return super.findInMailbox(mailbox, set, type, max);
    }

    /** A metadata batch needs no bound: it reads no eager collection ({@link MetadataBatchRead}). */
    private Iterator<MailboxMessage> readMetadata(Mailbox mailbox, MessageRange set, int max) throws MailboxException {
        try {
            return new MetadataBatchRead(getEntityManager(), ((JPAId) mailbox.getMailboxId()).getRawId())
                .read(set, max).iterator();
        } catch (PersistenceException e) {
            throw new MailboxException("Unable to list " + set + " in mailbox " + mailbox.getMailboxId().serialize(), e);
        }
    }

    private Optional<MessageRange> firstBatchOf(Mailbox mailbox, MessageRange set, int max) throws MailboxException {
        try {
            return new BatchUidBound(getEntityManager(), ((JPAId) mailbox.getMailboxId()).getRawId())
                .firstBatchOf(set, max);
        } catch (PersistenceException e) {
            throw new MailboxException("Unable to bound a batch of " + set + " in mailbox "
                + mailbox.getMailboxId().serialize(), e);
        }
    }

    @Override
    public Map<MessageUid, MessageMetaData> deleteMessages(Mailbox mailbox, List<MessageUid> uids) throws MailboxException {
        Map<MessageUid, MessageMetaData> deleted = new HashMap<>();
        for (MessageRange range : MessageRange.toRanges(uids)) {
            Iterator<MailboxMessage> messages = findInMailbox(mailbox, range, FetchType.METADATA, UNLIMITED);
            while (messages.hasNext()) {
                MailboxMessage message = messages.next();
                deleted.put(message.getUid(), message.metaData());
                delete(mailbox, message);
            }
        }
        return deleted;
    }

    @Override
    public Iterator<UpdatedFlags> updateFlags(Mailbox mailbox, FlagsUpdateCalculator calculator, MessageRange range)
        throws MailboxException {
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        return new FlagsRowsUpdate(getEntityManager(), mailboxId)
            .apply(range, calculator, () -> modSeqProvider.nextModSeq(mailbox))
            .iterator();
    }
}
