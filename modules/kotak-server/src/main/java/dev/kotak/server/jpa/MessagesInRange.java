package dev.kotak.server.jpa;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.james.mailbox.model.MessageRange;

/** The JPQL query of one mailbox's messages in a UID range (open or bounded), in UID order. */
final class MessagesInRange {
    private MessagesInRange() {
    }

    /** {@code select} is what to return of each {@code message}, for example {@code "message.uid"}. */
    static <T> TypedQuery<T> query(EntityManager entityManager, String select, Class<T> type, long mailboxId,
                                   MessageRange range) {
        boolean bounded = range.getType() == MessageRange.Type.RANGE || range.getType() == MessageRange.Type.ONE;
        TypedQuery<T> query = entityManager.createQuery("SELECT " + select + " FROM MailboxMessage message"
                + " WHERE message.mailbox.mailboxId = :mailboxId AND message.uid >= :from"
                + (bounded ? " AND message.uid <= :to" : "")
                + " ORDER BY message.uid ASC", type)
            .setParameter("mailboxId", mailboxId)
            .setParameter("from", range.getUidFrom().asLong());
        return bounded ? query.setParameter("to", range.getUidTo().asLong()) : query;
    }
}
