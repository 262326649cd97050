package dev.kotak.retention.restore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;

import dev.kotak.core.audit.AuditEvent;
import dev.kotak.core.audit.AuditLog;
import dev.kotak.core.retention.MessageState;
import dev.kotak.core.retention.config.RetentionConfig;
import dev.kotak.retention.RetentionClock;
import dev.kotak.retention.metrics.RetentionMetrics;
import dev.kotak.retention.state.MarksJournal;
import dev.kotak.retention.state.RetentionKeywords;
import reactor.core.publisher.Mono;

/**
 * "My laptop broke": makes a user's hidden INBOX messages visible to POP3 again by removing Kotak's hide keywords,
 * so that a new client downloads them. Retrieval marks stay (they are history, and expire.retrieved keeps counting
 * from the first retrieval). Idempotent: a second restore finds nothing hidden.
 */
public class HiddenMessages {
    private final MailboxManager mailboxManager;
    private final RetentionConfig config;
    private final RetentionClock clock;
    private final AuditLog auditLog;
    private final RetentionMetrics metrics;
    private final MarksJournal journal;

    @Inject
    public HiddenMessages(@Named("mailboxmanager") MailboxManager mailboxManager, RetentionConfig config,
                          RetentionClock clock, AuditLog auditLog, RetentionMetrics metrics, MarksJournal journal) {
        this.mailboxManager = mailboxManager;
        this.config = config;
        this.clock = clock;
        this.auditLog = auditLog;
        this.metrics = metrics;
        this.journal = journal;
    }

    /**
     * Restores the messages hidden since {@code since} (all if empty), from every POP3 view, or only those hidden
     * from {@code device}; a device-only hide has no date, so {@code since} then applies to the arrival.
     *
     * @return how many messages became visible again
     */
    public int restore(Username user, Optional<Instant> since, Optional<String> device) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(user);
        mailboxManager.startProcessingRequest(session);
        try {
            MailboxPath inboxPath = MailboxPath.inbox(user);
            if (!Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(inboxPath, session)).block())) {
                return 0;
            }
            MessageManager inbox = mailboxManager.getMailbox(inboxPath, session);
            // A DELE answered just before may still be journaled: its hide must be in place to be undone.
            journal.settle(inbox, session);
            Optional<String> normalizedDevice = device.map(name -> name.toLowerCase(Locale.ROOT));
            List<MessageResult> restored = new ArrayList<>();
            MessageResultIterator results = inbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                Instant arrival = result.getInternalDate().toInstant();
                MessageState state = RetentionKeywords.read(result.getFlags(), arrival);
                Flags hides = RetentionKeywords.hideKeywords(result.getFlags(), normalizedDevice);
                Instant hiddenAt = state.hiddenSince().orElse(arrival);
                if (hides.getUserFlags().length > 0 && (since.isEmpty() || !hiddenAt.isBefore(since.get()))) {
                    inbox.setFlags(hides, MessageManager.FlagsUpdateMode.REMOVE, MessageRange.one(result.getUid()),
                        session);
                    restored.add(result);
                }
            }
            report(user, restored, normalizedDevice);
            return restored.size();
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private void report(Username user, List<MessageResult> restored, Optional<String> device) {
        Instant now = clock.now();
        String policy = config.resolve(user.asString()).policy().name();
        metrics.count(RetentionMetrics.Action.RESTORED, restored.size());
        for (MessageResult result : restored) {
            auditLog.record(AuditEvent.builder()
                .time(now)
                .action("restored")
                .user(user.asString())
                .messageId(Optional.empty())
                .uidl(Optional.empty())
                .device(device)
                .rule("webadmin restore of INBOX uid " + result.getUid().asLong())
                .policy(policy)
                .build());
        }
    }
}
