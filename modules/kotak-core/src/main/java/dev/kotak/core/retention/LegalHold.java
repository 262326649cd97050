package dev.kotak.core.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A legal hold on a user's mail: while it holds, no Kotak path expunges anything of that user (a DELE becomes a
 * hide, expiry waits). Declared in retention.xml or set through WebAdmin; {@link #source()} says which.
 */
public final class LegalHold {
    public enum Source { XML, WEBADMIN }

    private final String user;
    private final String reason;
    private final String owner;
    private final Optional<Instant> until;
    private final Source source;

    public LegalHold(String user, String reason, String owner, Optional<Instant> until, Source source) {
        this.user = Objects.requireNonNull(user, "user");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.until = Objects.requireNonNull(until, "until");
        this.source = Objects.requireNonNull(source, "source");
    }

    public String user() {
        return user;
    }

    public String reason() {
        return reason;
    }

    /** Who asked for the hold (a person or a case reference), as the operator wrote it. */
    public String owner() {
        return owner;
    }

    /** The end of the hold, exclusive; empty: until lifted. */
    public Optional<Instant> until() {
        return until;
    }

    public Source source() {
        return source;
    }

    public boolean activeAt(Instant instant) {
        return until.isEmpty() || instant.isBefore(until.get());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof LegalHold)) {
            return false;
        }
        LegalHold that = (LegalHold) other;
        return user.equals(that.user) && reason.equals(that.reason) && owner.equals(that.owner)
            && until.equals(that.until) && source == that.source;
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, reason, owner, until, source);
    }

    @Override
    public String toString() {
        return "LegalHold{user=" + user + ", reason=" + reason + ", owner=" + owner + ", until="
            + until.map(Instant::toString).orElse("lifted by hand") + ", source=" + source + "}";
    }
}
