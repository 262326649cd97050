package dev.kotak.core.retention;

import java.util.Objects;
import java.util.Optional;

/** One change a committing POP3 session makes to one message, and the rule that asked for it. */
public final class CommitStep<M> {
    public enum Operation {
        /** Record the retrieval (first retrieval instant, retrieving device). */
        MARK_RETRIEVED,
        /** Set \Seen. */
        MARK_SEEN,
        /** Hide from every POP3 view (restorable, purged by expire.hidden). */
        HIDE,
        /** Hide from the session's device only. */
        HIDE_FROM_DEVICE,
        /** Copy to {@link #folder()}, then expunge from INBOX. */
        MOVE,
        /** Expunge from INBOX. */
        EXPUNGE
    }

    private final M message;
    private final Operation operation;
    private final Optional<String> folder;
    private final String rule;

    CommitStep(M message, Operation operation, Optional<String> folder, String rule) {
        this.message = Objects.requireNonNull(message, "message");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public M message() {
        return message;
    }

    public Operation operation() {
        return operation;
    }

    public Optional<String> folder() {
        return folder;
    }

    /** E.g. {@code onDelete=hide}, {@code onRetrieve=move Archive}, {@code onDelete=expunge; legal hold}. */
    public String rule() {
        return rule;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CommitStep)) {
            return false;
        }
        CommitStep<?> that = (CommitStep<?>) other;
        return message.equals(that.message) && operation == that.operation && folder.equals(that.folder)
            && rule.equals(that.rule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, operation, folder, rule);
    }

    @Override
    public String toString() {
        return operation + folder.map(name -> " " + name).orElse("") + " " + message + " (" + rule + ")";
    }
}
