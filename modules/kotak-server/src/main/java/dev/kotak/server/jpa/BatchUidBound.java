package dev.kotak.server.jpa;

import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;

/**
 * The UID range that holds exactly one batch of a mailbox's messages, so that a batch is read with a bounded
 * {@code BETWEEN} instead of an open-ended "from this UID on, at most {@code max}".
 *
 * <p>Why: James reads long listings in batches ({@code StoreMessageResultIterator}, 200 messages by default: every
 * POP3 login, {@code MessageManager.getMessages}). James's JPA mapper asks for a batch as
 * {@code uid >= cursor} with a row limit, and OpenJPA applies that limit to the message query only: the queries it
 * runs for the messages' eager collections (keywords in {@code JAMES_MAIL_USERFLAG}, MIME properties in
 * {@code JAMES_MAIL_PROPERTY}) read the rows of every message from the cursor to the end of the mailbox, and
 * OpenJPA turns each of them into an object before it drops those of messages outside the batch. A listing of
 * {@code n} messages read about {@code n * n / 400} rows of each, so a POP3 login grew with the square of the
 * INBOX it lists (docs/configuration.md, "james-database.properties"). Bounded by the batch's last UID, every row read
 * belongs to a message returned.
 */
final class BatchUidBound {
    private final EntityManager entityManager;
    private final long mailboxId;

    BatchUidBound(EntityManager entityManager, long mailboxId) {
        this.entityManager = entityManager;
        this.mailboxId = mailboxId;
    }

    /**
     * The part of {@code range} (a {@link MessageRange.Type#FROM}, {@link MessageRange.Type#ALL} or
     * {@link MessageRange.Type#RANGE}) that holds its first {@code max} messages, ending at the UID of the last of
     * them; empty when the range holds fewer than {@code max} messages, and so needs no bound.
     */
    Optional<MessageRange> firstBatchOf(MessageRange range, int max) {
        List<Long> last = MessagesInRange.query(entityManager, "message.uid", Long.class, mailboxId, range)
            .setFirstResult(max - 1)
            .setMaxResults(1)
            .getResultList();
        return last.stream().findFirst().map(uid -> MessageRange.range(range.getUidFrom(), MessageUid.of(uid)));
    }
}
