package dev.kotak.server.jpa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.Query;
import javax.persistence.TypedQuery;

import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.model.openjpa.JPAMailboxMessage;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.openjpa.persistence.FetchPlan;
import org.apache.openjpa.persistence.OpenJPAPersistence;

/**
 * One batch of a listing that asks for metadata only (every POP3 login, {@code MessageManager.getMessages} with
 * {@code FetchGroup.MINIMAL}), read as the messages' columns plus one query for the batch's keywords.
 *
 * <p>Why: James maps a message's keywords as an eager collection of {@code JAMES_MAIL_USERFLAG} entities, and
 * OpenJPA makes an object of every row, working out each column's alias as it goes: about 10 µs a keyword on
 * Derby, 5 to 7 ms of a POP3 login whose 520 messages carry one keyword each, as a retention policy that records
 * retrieval dates leaves them (bench/README.md). Here the message query leaves out the keyword and property
 * collections (a listing uses neither) and the batch's keywords are read as plain rows. The messages stay James's
 * entities; {@link ListedMessage} only answers {@code createFlags} from the rows read here.
 */
final class MetadataBatchRead {
    private static final String MESSAGE = "org.apache.james.mailbox.jpa.mail.model.openjpa.AbstractJPAMailboxMessage.";
    /**
     * The fields of a message a metadata listing reads: all but its keyword and property collections, and its mailbox.
     * Loading the mailbox joins {@code JAMES_MAILBOX}, and with that join Derby may plan the query as a scan of the
     * mailbox's foreign-key index, a hash join and a sort of every message of the mailbox, for each batch, instead of
     * reading the primary key in UID order up to the batch's size. Which plan it takes changed with the table's
     * statistics during a benchmark run (bench/README.md). The batch knows its mailbox id already.
     */
    private static final List<String> COLUMNS = List.of("modSeq", "internalDate", "answered", "deleted",
        "draft", "flagged", "recent", "seen", "bodyStartOctet", "contentOctets", "mediaType", "subType",
        "textualLineCount");

    private final EntityManager entityManager;
    private final long mailboxId;

    MetadataBatchRead(EntityManager entityManager, long mailboxId) {
        this.entityManager = entityManager;
        this.mailboxId = mailboxId;
    }

    /**
     * The first {@code max} messages of {@code range}, in UID order. Without eager collections the row limit bounds
     * everything the message query reads; the keyword query is bounded by the last UID returned.
     */
    List<MailboxMessage> read(MessageRange range, int max) {
        TypedQuery<JPAMailboxMessage> query = MessagesInRange.query(entityManager, "message", JPAMailboxMessage.class,
            mailboxId, range).setMaxResults(max);
        FetchPlan plan = OpenJPAPersistence.cast(query).getFetchPlan();
        plan.removeFetchGroup(FetchPlan.GROUP_DEFAULT);
        COLUMNS.forEach(field -> plan.addField(MESSAGE + field));
        List<JPAMailboxMessage> entities = query.getResultList();
        if (entities.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> keywords = keywords(range.getUidFrom().asLong(),
            entities.get(entities.size() - 1).getUid().asLong());
        List<MailboxMessage> messages = new ArrayList<>(entities.size());
        JPAId mailbox = JPAId.of(mailboxId);
        for (MailboxMessage message : entities) {
            List<String> own = keywords.getOrDefault(message.getUid().asLong(), List.of());
            messages.add(new ListedMessage(message, mailbox, own));
        }
        return messages;
    }

    private Map<Long, List<String>> keywords(long from, long to) {
        // Unordered: a message's keywords are a set (javax.mail.Flags), and the rows are grouped by UID below. So the
        // query is answered from SchemaIndexes' KOTAK_USERFLAG_MESSAGE alone, without a sort.
        Query query = entityManager.createNativeQuery("SELECT MAIL_UID, USERFLAG_NAME FROM JAMES_MAIL_USERFLAG"
                + " WHERE MAILBOX_ID = ?1 AND MAIL_UID BETWEEN ?2 AND ?3")
            .setParameter(1, mailboxId)
            .setParameter(2, from)
            .setParameter(3, to);
        Map<Long, List<String>> keywords = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            keywords.computeIfAbsent(((Number) columns[0]).longValue(), uid -> new ArrayList<>(2))
                .add((String) columns[1]);
        }
        return keywords;
    }
}
