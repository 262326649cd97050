package dev.kotak.core.retention;

import java.util.Objects;
import java.util.Optional;

/** What one POP3 session of a user follows: the policy's values with its device's overrides applied. */
public final class SessionRules {
    private final Optional<String> device;
    private final OnRetrieve onRetrieve;
    private final OnDelete onDelete;
    private final AccessWindow view;

    public SessionRules(Optional<String> device, OnRetrieve onRetrieve, OnDelete onDelete, AccessWindow view) {
        this.device = Objects.requireNonNull(device, "device");
        this.onRetrieve = Objects.requireNonNull(onRetrieve, "onRetrieve");
        this.onDelete = Objects.requireNonNull(onDelete, "onDelete");
        this.view = Objects.requireNonNull(view, "view");
    }

    /** The normalized device name the session logged in with, recorded with its retrievals and hides. */
    public Optional<String> device() {
        return device;
    }

    public OnRetrieve onRetrieve() {
        return onRetrieve;
    }

    public OnDelete onDelete() {
        return onDelete;
    }

    public AccessWindow view() {
        return view;
    }

    @Override
    public String toString() {
        return "SessionRules{device=" + device.orElse("-") + ", onRetrieve=" + onRetrieve + ", onDelete=" + onDelete
            + ", " + view + "}";
    }
}
