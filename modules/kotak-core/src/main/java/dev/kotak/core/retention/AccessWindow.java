package dev.kotak.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which INBOX messages a POP3 session lists: only those newer than a duration or arrived since a date
 * (Gmail's "from now on"), and at most a number of them per session (the oldest first, as Gmail lists about
 * 250). It changes what the session sees, never what the server keeps.
 */
public final class AccessWindow {
    public static final AccessWindow ALL = new AccessWindow(Optional.empty(), Optional.empty(), OptionalInt.empty());

    private final Optional<Duration> newerThan;
    private final Optional<Instant> since;
    private final OptionalInt maxMessages;

    public AccessWindow(Optional<Duration> newerThan, Optional<Instant> since, OptionalInt maxMessages) {
        this.newerThan = Objects.requireNonNull(newerThan, "newerThan");
        this.since = Objects.requireNonNull(since, "since");
        this.maxMessages = Objects.requireNonNull(maxMessages, "maxMessages");
        if (maxMessages.isPresent() && maxMessages.getAsInt() < 1) {
            throw new IllegalArgumentException("maxMessages must be at least 1");
        }
    }

    public Optional<Duration> newerThan() {
        return newerThan;
    }

    public Optional<Instant> since() {
        return since;
    }

    public OptionalInt maxMessages() {
        return maxMessages;
    }

    /** True when a message that arrived at {@code arrival} is listed by a session opened at {@code now}. */
    public boolean admits(Instant arrival, Instant now) {
        if (since.isPresent() && arrival.isBefore(since.get())) {
            return false;
        }
        // Compared as a duration: now.minus(newerThan) throws for a window longer than time itself (Durations
        // accepts up to Long.MAX_VALUE seconds), which must admit everything instead.
        return newerThan.isEmpty() || Duration.between(arrival, now).compareTo(newerThan.get()) <= 0;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AccessWindow)) {
            return false;
        }
        AccessWindow that = (AccessWindow) other;
        return newerThan.equals(that.newerThan) && since.equals(that.since) && maxMessages.equals(that.maxMessages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(newerThan, since, maxMessages);
    }

    @Override
    public String toString() {
        return "AccessWindow{newerThan=" + newerThan.orElse(null) + ", since=" + since.orElse(null)
            + ", maxMessages=" + (maxMessages.isPresent() ? maxMessages.getAsInt() : null) + "}";
    }
}
