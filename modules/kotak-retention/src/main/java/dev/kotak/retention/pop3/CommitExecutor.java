package dev.kotak.retention.pop3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;

import dev.kotak.core.audit.AuditEvent;
import dev.kotak.core.audit.AuditLog;
import dev.kotak.core.retention.CommitStep;
import dev.kotak.core.retention.MessageState;
import dev.kotak.core.retention.Policy;
import dev.kotak.pop3.maildrop.MaildropContext;
import dev.kotak.pop3.maildrop.MaildropMessage;
import dev.kotak.pop3.maildrop.MaildropUpdate;
import dev.kotak.retention.metrics.RetentionMetrics;
import dev.kotak.retention.state.MarksJournal;
import dev.kotak.retention.state.MessageIds;
import dev.kotak.retention.state.PendingMarks;
import dev.kotak.retention.state.RetentionKeywords;
import reactor.core.publisher.Mono;

/**
 * Carries out a {@link dev.kotak.core.retention.CommitPlan} on INBOX, in the plan's order: keywords and flags
 * first, then moves (copy, then delete: a crash in between leaves two copies, never none), then expunges. Every
 * step is idempotent, so a QUIT that fails half-way and a client that retries do no harm.
 *
 * <p>Keywords and flags go to the {@link MarksJournal} when they fit one entry and nothing moves (a moved message
 * must carry its marks into the folder): one annotation is written before QUIT answers, and the marks are added
 * to the messages right after, off the session's thread. Otherwise they are stored at once, one store per UID
 * range sharing the same flags.
 */
public class CommitExecutor {
    private final MailboxManager mailboxManager;
    private final AuditLog auditLog;
    private final RetentionMetrics metrics;
    private final MarksJournal journal;
    private final MarksApplier applier;

    @Inject
    public CommitExecutor(@javax.inject.Named("mailboxmanager") MailboxManager mailboxManager, AuditLog auditLog,
                          RetentionMetrics metrics, MarksJournal journal, MarksApplier applier) {
        this.mailboxManager = mailboxManager;
        this.auditLog = auditLog;
        this.metrics = metrics;
        this.journal = journal;
        this.applier = applier;
    }

    /**
     * @param knownIds the Message-IDs the session already saw go by ({@link MaildropUpdate#messageIds()}); the
     *                 others are read from INBOX for the audit events
     */
    public void execute(MaildropContext context, List<CommitStep<MaildropMessage>> plan, Instant now,
                        Optional<String> device, Policy policy, Map<MessageUid, Optional<String>> knownIds)
        throws MailboxException {
        if (plan.isEmpty()) {
            return;
        }
        MessageManager inbox = context.inbox();
        MailboxSession session = context.mailboxSession();
        Map<MessageUid, String> messageIds = messageIds(inbox, session, plan, knownIds);
        Map<MaildropMessage, Flags> additions = new LinkedHashMap<>();
        Map<String, List<MaildropMessage>> moves = new LinkedHashMap<>();
        List<MaildropMessage> expunges = new ArrayList<>();
        for (CommitStep<MaildropMessage> step : plan) {
            MaildropMessage message = step.message();
            Flags flags = additions.computeIfAbsent(message, ignored -> new Flags());
            switch (step.operation()) {
                case MARK_RETRIEVED:
                    // Still audited and counted below; the keywords are written only where a rule reads them.
                    if (policy.recordsRetrievals()) {
                        MessageState state = RetentionKeywords.read(message.flags(), message.internalDate());
                        flags.add(RetentionKeywords.retrieval(state, now,
                            policy.recordsRetrievingDevices() ? device : Optional.empty()));
                    }
                    break;
                case MARK_SEEN:
                    flags.add(Flags.Flag.SEEN);
                    break;
                case HIDE:
                    flags.add(RetentionKeywords.hide(now));
                    break;
                case HIDE_FROM_DEVICE:
                    flags.add(RetentionKeywords.hideFrom(device.orElseThrow()));
                    break;
                case MOVE:
                    moves.computeIfAbsent(step.folder().orElseThrow(), ignored -> new ArrayList<>()).add(message);
                    break;
                default:
                    expunges.add(message);
                    break;
            }
        }
        // A message this commit expunges keeps no marks: writing them would cost a flag update (and, in James 3.8.1,
        // a search index update) per message for nothing. Its audit events and metrics are still reported.
        expunges.forEach(additions::remove);
        PendingMarks marks = PendingMarks.of(byFlags(additions));
        boolean journaled = moves.isEmpty() && journal.write(inbox, session, marks);
        if (!journaled) {
            storeFlags(inbox, session, marks);
        }
        for (Map.Entry<String, List<MaildropMessage>> move : moves.entrySet()) {
            moveTo(context, move.getKey(), move.getValue());
        }
        if (!expunges.isEmpty()) {
            inbox.delete(uids(expunges), session);
        }
        report(context, plan, now, device, policy.name(), messageIds);
        if (journaled) {
            applier.settleSoon(context.user());
        }
    }

    private static Map<Flags, List<MessageUid>> byFlags(Map<MaildropMessage, Flags> additions) {
        Map<Flags, List<MessageUid>> byFlags = new LinkedHashMap<>();
        additions.forEach((message, flags) -> byFlags.computeIfAbsent(flags, ignored -> new ArrayList<>())
            .add(message.uid()));
        return byFlags;
    }

    private static void storeFlags(MessageManager inbox, MailboxSession session, PendingMarks marks)
        throws MailboxException {
        for (Map.Entry<Flags, List<MessageRange>> group : marks.marks().entrySet()) {
            for (MessageRange range : group.getValue()) {
                inbox.setFlags(group.getKey(), MessageManager.FlagsUpdateMode.ADD, range, session);
            }
        }
    }

    private void moveTo(MaildropContext context, String folder, List<MaildropMessage> messages) throws MailboxException {
        MailboxSession session = context.mailboxSession();
        MailboxPath target = MailboxPath.forUser(context.user(), folder);
        if (!Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(target, session)).block())) {
            mailboxManager.createMailbox(target, session);
        }
        MailboxPath inbox = context.inbox().getMailboxPath();
        for (MessageRange range : MessageRange.toRanges(uids(messages))) {
            mailboxManager.copyMessages(range, inbox, target, session);
        }
        context.inbox().delete(uids(messages), session);
    }

    private void report(MaildropContext context, List<CommitStep<MaildropMessage>> plan, Instant now,
                        Optional<String> device, String policyName, Map<MessageUid, String> messageIds) {
        List<AuditEvent> events = new ArrayList<>(plan.size());
        for (CommitStep<MaildropMessage> step : plan) {
            RetentionMetrics.Action action = action(step.operation());
            metrics.count(action, 1);
            events.add(AuditEvent.builder()
                .time(now)
                .action(action.name().toLowerCase(java.util.Locale.ROOT))
                .user(context.user().asString())
                .messageId(Optional.ofNullable(messageIds.get(step.message().uid())))
                .uidl(Optional.of(step.message().uidl()))
                .device(device)
                .rule(step.rule() + step.folder().map(folder -> " -> " + folder).orElse(""))
                .policy(policyName)
                .build());
        }
        auditLog.recordAll(events);
    }

    private static RetentionMetrics.Action action(CommitStep.Operation operation) {
        switch (operation) {
            case MARK_RETRIEVED:
                return RetentionMetrics.Action.RETRIEVED;
            case MARK_SEEN:
                return RetentionMetrics.Action.SEEN;
            case HIDE:
            case HIDE_FROM_DEVICE:
                return RetentionMetrics.Action.HIDDEN;
            case MOVE:
                return RetentionMetrics.Action.MOVED;
            default:
                return RetentionMetrics.Action.EXPUNGED;
        }
    }

    /**
     * The Message-ID header of every message of the plan: those the session sent as they went by, the others
     * (DELE without RETR or TOP) read in one pass over their UID ranges.
     */
    private static Map<MessageUid, String> messageIds(MessageManager inbox, MailboxSession session,
                                                      List<CommitStep<MaildropMessage>> plan,
                                                      Map<MessageUid, Optional<String>> knownIds)
        throws MailboxException {
        Map<MessageUid, String> ids = new HashMap<>();
        knownIds.forEach((uid, id) -> id.ifPresent(value -> ids.put(uid, value)));
        List<MessageUid> uids = plan.stream().map(step -> step.message().uid()).distinct()
            .filter(uid -> !knownIds.containsKey(uid)).collect(Collectors.toList());
        for (MessageRange range : MessageRange.toRanges(uids)) {
            MessageResultIterator results = inbox.getMessages(range, FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                MessageIds.of(result).ifPresent(id -> ids.put(result.getUid(), id));
            }
        }
        return ids;
    }

    private static List<MessageUid> uids(List<MaildropMessage> messages) {
        return messages.stream().map(MaildropMessage::uid).collect(Collectors.toList());
    }
}
