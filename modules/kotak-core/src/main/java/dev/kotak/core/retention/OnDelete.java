package dev.kotak.core.retention;

import java.util.Objects;
import java.util.Optional;

/** A policy's {@code onDelete}: an action and, for {@link DeleteAction#MOVE}, the target folder. */
public final class OnDelete {
    public static final OnDelete EXPUNGE = new OnDelete(DeleteAction.EXPUNGE, Optional.empty());

    private final DeleteAction action;
    private final Optional<String> folder;

    private OnDelete(DeleteAction action, Optional<String> folder) {
        this.action = Objects.requireNonNull(action, "action");
        this.folder = Objects.requireNonNull(folder, "folder");
        if ((action == DeleteAction.MOVE) != folder.isPresent()) {
            throw new IllegalArgumentException("onDelete " + action.configName()
                + (folder.isPresent() ? " takes no folder" : " needs a folder"));
        }
    }

    public static OnDelete of(DeleteAction action) {
        return new OnDelete(action, Optional.empty());
    }

    public static OnDelete moveTo(String folder) {
        return new OnDelete(DeleteAction.MOVE, Optional.of(folder));
    }

    public DeleteAction action() {
        return action;
    }

    public Optional<String> folder() {
        return folder;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnDelete && action == ((OnDelete) other).action
            && folder.equals(((OnDelete) other).folder);
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
