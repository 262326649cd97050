package dev.kotak.retention.sweeper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.core.audit.AuditEvent;
import dev.kotak.core.audit.AuditLog;
import dev.kotak.core.retention.Decision;
import dev.kotak.core.retention.LegalHold;
import dev.kotak.core.retention.Lifetimes;
import dev.kotak.core.retention.MessageState;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.RetentionRules;
import dev.kotak.core.retention.config.RetentionConfig;
import dev.kotak.retention.RetentionClock;
import dev.kotak.retention.holds.HoldStore;
import dev.kotak.retention.holds.LegalHolds;
import dev.kotak.retention.metrics.RetentionMetrics;
import dev.kotak.retention.state.MarksJournal;
import dev.kotak.retention.state.MessageIds;
import dev.kotak.retention.state.RetentionKeywords;

/**
 * Applies expiry and purges: for each user in scope, every INBOX message is judged by {@link RetentionRules}
 * under the user's policy and holds, and every message of the user's other mailboxes by the policy's maxAge only
 * (the other lifetimes describe POP3, which sees INBOX alone).
 *
 * <p>Crash-safe because it only ever expunges what the rules allow at that instant: re-running after a
 * {@code kill -9} finds the same decisions for what is left and nothing new to lose. Holds are read again for each
 * user, right before that user's messages are judged.
 */
public class RetentionSweeper {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int BATCH = 500;

    private final UsersRepository usersRepository;
    private final MailboxManager mailboxManager;
    private final RetentionConfig config;
    private final LegalHolds holds;
    private final RetentionClock clock;
    private final AuditLog auditLog;
    private final RetentionMetrics metrics;
    private final MarksJournal journal;

    @Inject
    public RetentionSweeper(UsersRepository usersRepository, @Named("mailboxmanager") MailboxManager mailboxManager,
                            RetentionConfig config, LegalHolds holds, RetentionClock clock, AuditLog auditLog,
                            RetentionMetrics metrics, MarksJournal journal) {
        this.usersRepository = usersRepository;
        this.mailboxManager = mailboxManager;
        this.config = config;
        this.holds = holds;
        this.clock = clock;
        this.auditLog = auditLog;
        this.metrics = metrics;
        this.journal = journal;
    }

    /**
     * Runs a sweep to its end, or until the thread is interrupted (a cancelled task), updating {@code report}.
     *
     * @return true if every user in scope was processed without error
     */
    public boolean sweep(SweepRequest request, SweepReport report) throws UsersRepositoryException {
        if (!request.dryRun()) {
            metrics.sweepStarted();
        }
        long started = System.nanoTime();
        long userIndex = 0;
        Iterator<Username> users = users(request.scope());
        while (users.hasNext()) {
            Username user = users.next();
            if (!request.scope().includes(user)) {
                continue;
            }
            if (!pace(started, userIndex++, request.usersPerSecond())) {
                return false;
            }
            try {
                sweepUser(user, request, report);
                report.userProcessed();
            } catch (MailboxException | HoldStore.HoldStoreException | RuntimeException e) {
                LOGGER.warn("Retention sweep failed for {}; the next sweep retries", user.asString(), e);
                report.userFailed(user.asString());
            }
        }
        return report.usersFailed() == 0;
    }

    private Iterator<Username> users(SweepScope scope) throws UsersRepositoryException {
        if (scope.kind() == SweepScope.Kind.USER) {
            return List.of(Username.of(scope.name().get())).iterator();
        }
        return usersRepository.list();
    }

    /** Spreads users over time at {@code usersPerSecond}; false if interrupted. */
    private static boolean pace(long startedNanos, long index, int usersPerSecond) {
        long due = startedNanos + index * 1_000_000_000L / usersPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !Thread.currentThread().isInterrupted();
    }

    private void sweepUser(Username user, SweepRequest request, SweepReport report)
        throws MailboxException, HoldStore.HoldStoreException {
        Instant now = request.asOf().orElseGet(clock::now);
        Policy policy = config.resolve(user.asString()).policy();
        Optional<LegalHold> hold = holds.activeOn(user.asString(), now);
        Policy otherMailboxes = Policy.builder(policy.name()).lifetimes(new Lifetimes(Optional.empty(),
            Optional.empty(), Optional.empty(), policy.lifetimes().maxAge())).build();
        boolean everyMailbox = policy.lifetimes().maxAge().isPresent();
        MailboxSession session = mailboxManager.createSystemSession(user);
        mailboxManager.startProcessingRequest(session);
        try {
            Optional<MessageManager> inbox = inbox(session);
            if (inbox.isPresent()) {
                // Judge with the marks of every answered QUIT, even those still journaled (a dry run too: they are
                // committed already, only not yet in place).
                journal.settle(inbox.get(), session);
            }
            if (!everyMailbox) {
                if (inbox.isPresent()) {
                    sweepMailbox(user, inbox.get(), policy, policy.name(), now, hold, request, report, session);
                }
                return;
            }
            for (MailboxPath path : allMailboxes(session)) {
                boolean isInbox = MailboxPath.inbox(user).equals(path);
                // INBOX was looked up above; look up each other mailbox once.
                MessageManager mailbox = isInbox && inbox.isPresent() ? inbox.get()
                    : mailboxManager.getMailbox(path, session);
                sweepMailbox(user, mailbox, isInbox ? policy : otherMailboxes, policy.name(), now, hold, request,
                    report, session);
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** The user's INBOX, looked up once; empty when there is none (nothing delivered yet): nothing to sweep. */
    private Optional<MessageManager> inbox(MailboxSession session) throws MailboxException {
        try {
            return Optional.of(mailboxManager.getMailbox(MailboxPath.inbox(session), session));
        } catch (MailboxNotFoundException e) {
            return Optional.empty();
        }
    }

    private List<MailboxPath> allMailboxes(MailboxSession session) throws MailboxException {
        List<MailboxPath> paths = new ArrayList<>();
        for (MailboxMetaData metaData : mailboxManager.search(MailboxQuery.privateMailboxesBuilder(session)
            .matchesAllMailboxNames().build(), session).toIterable()) {
            paths.add(metaData.getPath());
        }
        return paths;
    }

    private void sweepMailbox(Username user, MessageManager mailbox, Policy policy, String policyName, Instant now,
                              Optional<LegalHold> hold, SweepRequest request, SweepReport report,
                              MailboxSession session) throws MailboxException {
        MailboxPath path = mailbox.getMailboxPath();
        Map<MessageUid, String> toRemove = new HashMap<>();
        long examined = 0;
        MessageResultIterator results = mailbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session);
        while (results.hasNext()) {
            MessageResult result = results.next();
            examined++;
            Instant arrival = result.getInternalDate().toInstant();
            MessageState state = RetentionKeywords.read(result.getFlags(), arrival);
            Decision decision = RetentionRules.decide(policy, state, now, hold);
            if (decision.expunges()) {
                toRemove.put(result.getUid(), decision.rule().get());
                if (request.dryRun()) {
                    report.removed(decision.rule().get());
                }
            } else if (decision.heldBy().isPresent()) {
                report.held(decision.rule().get());
            }
            if (request.dryRun() && request.scope().kind() == SweepScope.Kind.USER) {
                report.message(new SweptMessage(path.getName(), result.getUid().asLong(), arrival, decision));
            }
        }
        report.examined(examined);
        if (!request.dryRun() && !toRemove.isEmpty()) {
            remove(user, mailbox, toRemove, policyName, now, session, report);
        }
    }

    /** Expunges in batches; a message counts as removed once its batch is deleted, not before. */
    private void remove(Username user, MessageManager mailbox, Map<MessageUid, String> toRemove, String policyName,
                        Instant now, MailboxSession session, SweepReport report) throws MailboxException {
        List<MessageUid> uids = new ArrayList<>(toRemove.keySet());
        uids.sort(null);
        for (int from = 0; from < uids.size(); from += BATCH) {
            List<MessageUid> batch = uids.subList(from, Math.min(uids.size(), from + BATCH));
            Map<MessageUid, String> messageIds = messageIds(mailbox, batch, session);
            mailbox.delete(batch, session);
            for (MessageUid uid : batch) {
                String rule = toRemove.get(uid);
                report.removed(rule);
                RetentionMetrics.Action action = Decision.HIDDEN.equals(rule)
                    ? RetentionMetrics.Action.PURGED : RetentionMetrics.Action.EXPIRED;
                metrics.count(action, 1);
                auditLog.record(AuditEvent.builder()
                    .time(now)
                    .action(action.name().toLowerCase(Locale.ROOT))
                    .user(user.asString())
                    .messageId(Optional.ofNullable(messageIds.get(uid)))
                    .uidl(Optional.empty())
                    .device(Optional.empty())
                    .rule(rule + " in " + mailbox.getMailboxPath().getName() + " uid " + uid.asLong())
                    .policy(policyName)
                    .build());
            }
        }
    }

    private static Map<MessageUid, String> messageIds(MessageManager mailbox, List<MessageUid> uids,
                                                      MailboxSession session) throws MailboxException {
        Map<MessageUid, String> ids = new HashMap<>();
        for (MessageRange range : MessageRange.toRanges(uids)) {
            MessageResultIterator results = mailbox.getMessages(range, FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                MessageIds.of(result).ifPresent(id -> ids.put(result.getUid(), id));
            }
        }
        return ids;
    }
}
