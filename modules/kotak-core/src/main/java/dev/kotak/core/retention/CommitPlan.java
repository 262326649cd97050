package dev.kotak.core.retention;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a POP3 session's QUIT does (RFC 1939 UPDATE state), decided before anything is touched:
 * <ul>
 *   <li>every retrieved message is marked retrieved (and \Seen for {@code onRetrieve=seen});</li>
 *   <li>a retrieved message whose {@code onRetrieve} removes it from INBOX (move, delete) gets that disposal,
 *       DELE or not, as Gmail applies its disposition to every popped message;</li>
 *   <li>any other DELE'd message gets the {@code onDelete} disposal; {@code hide-from-device} in a session
 *       without a device name hides from every view, as there is no device to hide from;</li>
 *   <li>under a legal hold an expunge becomes a hide: the client sees {@code +OK}, nothing is lost.</li>
 * </ul>
 * Marks come first in the plan, then moves, then expunges, so a crash part-way leaves mail duplicated at worst.
 * A message listed twice (RETR twice) is planned once.
 */
public final class CommitPlan {

    private CommitPlan() {
    }

    public static <M> List<CommitStep<M>> plan(SessionRules rules, boolean held, List<M> deleted, List<M> retrieved) {
        List<CommitStep<M>> marks = new ArrayList<>();
        List<CommitStep<M>> moves = new ArrayList<>();
        List<CommitStep<M>> expunges = new ArrayList<>();
        OnRetrieve onRetrieve = rules.onRetrieve();
        String retrieveRule = "onRetrieve=" + onRetrieve;
        Set<M> disposed = new LinkedHashSet<>();
        // RFC 1939 lets a client RETR a message twice in a session: each message is planned once, or a move on
        // retrieval would copy it twice and the second expunge would act on a message already gone.
        for (M message : new LinkedHashSet<>(retrieved)) {
            marks.add(new CommitStep<>(message, CommitStep.Operation.MARK_RETRIEVED, Optional.empty(), retrieveRule));
            switch (onRetrieve.action()) {
                case SEEN:
                    marks.add(new CommitStep<>(message, CommitStep.Operation.MARK_SEEN, Optional.empty(), retrieveRule));
                    break;
                case MOVE:
                    moves.add(new CommitStep<>(message, CommitStep.Operation.MOVE, onRetrieve.folder(), retrieveRule));
                    disposed.add(message);
                    break;
                case DELETE:
                    expunge(message, retrieveRule, held, marks, expunges);
                    disposed.add(message);
                    break;
                default:
                    break;
            }
        }
        OnDelete onDelete = rules.onDelete();
        String deleteRule = "onDelete=" + onDelete;
        for (M message : new LinkedHashSet<>(deleted)) {
            if (disposed.contains(message)) {
                continue;
            }
            switch (onDelete.action()) {
                case HIDE:
                    marks.add(new CommitStep<>(message, CommitStep.Operation.HIDE, Optional.empty(), deleteRule));
                    break;
                case HIDE_FROM_DEVICE:
                    CommitStep.Operation hide = rules.device().isPresent()
                        ? CommitStep.Operation.HIDE_FROM_DEVICE : CommitStep.Operation.HIDE;
                    marks.add(new CommitStep<>(message, hide, Optional.empty(), deleteRule));
                    break;
                case MOVE:
                    moves.add(new CommitStep<>(message, CommitStep.Operation.MOVE, onDelete.folder(), deleteRule));
                    break;
                default:
                    expunge(message, deleteRule, held, marks, expunges);
                    break;
            }
        }
        List<CommitStep<M>> plan = new ArrayList<>(marks.size() + moves.size() + expunges.size());
        plan.addAll(marks);
        plan.addAll(moves);
        plan.addAll(expunges);
        return plan;
    }

    private static <M> void expunge(M message, String rule, boolean held, List<CommitStep<M>> marks,
                                    List<CommitStep<M>> expunges) {
        if (held) {
            marks.add(new CommitStep<>(message, CommitStep.Operation.HIDE, Optional.empty(), rule + "; legal hold"));
        } else {
            expunges.add(new CommitStep<>(message, CommitStep.Operation.EXPUNGE, Optional.empty(), rule));
        }
    }
}
