package dev.kotak.core.retention;

import java.util.Objects;
import java.util.Optional;

/** A policy's {@code onRetrieve}: an action and, for {@link RetrieveAction#MOVE}, the target folder. */
public final class OnRetrieve {
    public static final OnRetrieve KEEP = new OnRetrieve(RetrieveAction.KEEP, Optional.empty());

    private final RetrieveAction action;
    private final Optional<String> folder;

    private OnRetrieve(RetrieveAction action, Optional<String> folder) {
        this.action = Objects.requireNonNull(action, "action");
        this.folder = Objects.requireNonNull(folder, "folder");
        if ((action == RetrieveAction.MOVE) != folder.isPresent()) {
            throw new IllegalArgumentException("onRetrieve " + action.configName()
                + (folder.isPresent() ? " takes no folder" : " needs a folder"));
        }
    }

    public static OnRetrieve of(RetrieveAction action) {
        return new OnRetrieve(action, Optional.empty());
    }

    public static OnRetrieve moveTo(String folder) {
        return new OnRetrieve(RetrieveAction.MOVE, Optional.of(folder));
    }

    public RetrieveAction action() {
        return action;
    }

    public Optional<String> folder() {
        return folder;
    }

    /** True when the message leaves INBOX, so that the POP3 client will not see it again. */
    public boolean removesFromMaildrop() {
        return action == RetrieveAction.MOVE || action == RetrieveAction.DELETE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnRetrieve && action == ((OnRetrieve) other).action
            && folder.equals(((OnRetrieve) other).folder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, folder);
    }

    @Override
    public String toString() {
        return action.configName() + folder.map(name -> " " + name).orElse("");
    }
}
