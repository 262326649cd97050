package dev.kotak.retention.state;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import javax.mail.Flags;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.AnnotationException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.Striped;

/**
 * The journal of marks that committed POP3 sessions still have to add to INBOX messages: one INBOX annotation
 * per committing session ({@code /private/vendor/kotak/marks/<id>}, a {@link PendingMarks} text).
 *
 * <p>Why: writing a retrieval mark on every message of a first download costs as much as the download's UPDATE of
 * hundreds of rows. QUIT writes one annotation instead, durably, answers {@code +OK}, and the marks are added right
 * after ({@link #settle}). Whoever reads retention state settles first: a POP3 login before it lists INBOX, the
 * sweeper before it judges, a restore before it unhides. So a crash between the journal and the marks changes
 * nothing any rule decides; IMAP alone may see the marks late (at the user's next POP3 login or sweep).
 *
 * <p>Settling adds flags and never removes any, so it can run twice, from two threads or two nodes, or be cut by a
 * crash and run again: the result is the same. An entry is dropped only after its marks are in place.
 */
@Singleton
public class MarksJournal {
    /** Annotations are capped by the store: James's JPA mapper keeps values in a VARCHAR(255). */
    static final int MAX_ENTRY_LENGTH = 255;
    static final String ROOT = "/private/vendor/kotak/marks";
    private static final Logger LOGGER = LoggerFactory.getLogger(MarksJournal.class);

    private final MailboxManager mailboxManager;
    private final MailboxSessionMapperFactory mappers;
    // One settle at a time per INBOX in this JVM, so that a login waits for the marks being added instead of adding
    // them a second time.
    private final Striped<Lock> locks = Striped.lock(256);

    @Inject
    public MarksJournal(@Named("mailboxmanager") MailboxManager mailboxManager, MailboxSessionMapperFactory mappers) {
        this.mailboxManager = mailboxManager;
        this.mappers = mappers;
    }

    /**
     * Writes {@code marks} as one entry of {@code inbox}'s journal. False when they do not fit one entry, or when
     * INBOX holds as many annotations as the store allows: the caller then adds the marks itself.
     */
    public boolean write(MessageManager inbox, MailboxSession session, PendingMarks marks) throws MailboxException {
        String text = marks.encode();
        if (marks.isEmpty() || text.length() > MAX_ENTRY_LENGTH) {
            return false;
        }
        MailboxAnnotationKey key = new MailboxAnnotationKey(ROOT + "/" + UUID.randomUUID().toString().replace("-", ""));
        try {
            mailboxManager.updateAnnotations(inbox.getMailboxPath(), session,
                List.of(MailboxAnnotation.newInstance(key, text)));
            return true;
        } catch (AnnotationException e) {
            LOGGER.debug("INBOX of {} takes no more annotations ({}); marks written at once", session.getUser(),
                e.getMessage());
            return false;
        }
    }

    /**
     * Adds every mark pending on {@code inbox} to its messages, then drops the entries; returns how many entries
     * were settled. Messages expunged meanwhile are skipped: a UID is never reused.
     */
    public int settle(MessageManager inbox, MailboxSession session) throws MailboxException {
        MailboxPath path = inbox.getMailboxPath();
        Lock lock = locks.get(path);
        lock.lock();
        try {
            // Every POP3 login reads this, and the journal is nearly always empty: read it by the INBOX's id from the
            // store (0.1 to 0.2 ms on Derby) rather than through the mailbox manager, which looks the path up again
            // and wraps the read in a transaction (0.6 to 0.9 ms). The session owns this INBOX: no right to check.
            List<MailboxAnnotation> entries = mappers.getAnnotationMapper(session)
                .getAnnotationsByKeysWithOneDepth(inbox.getId(), Set.of(new MailboxAnnotationKey(ROOT)));
            int settled = 0;
            for (MailboxAnnotation entry : entries) {
                if (entry.getValue().isEmpty()) {
                    continue;
                }
                apply(inbox, session, entry);
                mailboxManager.updateAnnotations(path, session, List.of(MailboxAnnotation.nil(entry.getKey())));
                settled++;
            }
            return settled;
        } finally {
            lock.unlock();
        }
    }

    private void apply(MessageManager inbox, MailboxSession session, MailboxAnnotation entry) throws MailboxException {
        PendingMarks marks;
        try {
            marks = PendingMarks.decode(entry.getValue().get());
        } catch (IllegalArgumentException e) {
            // Not written by this version of Kotak (or edited over IMAP METADATA): marks only, never mail, so it is
            // dropped rather than left to fail every login.
            LOGGER.warn("Dropping the unreadable pending marks {} of {}: {}", entry.getKey().asString(),
                inbox.getMailboxPath().getUser().asString(), e.getMessage());
            return;
        }
        for (Map.Entry<Flags, List<MessageRange>> mark : marks.marks().entrySet()) {
            for (MessageRange range : mark.getValue()) {
                inbox.setFlags(mark.getKey(), MessageManager.FlagsUpdateMode.ADD, range, session);
            }
        }
    }
}
