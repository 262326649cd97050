package dev.kotak.core.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long INBOX keeps a message, by what POP3 did with it (RFC 1939 §8's own example: unread mail after 60
 * days, read mail after 7). Each lifetime is optional; an absent one never removes anything.
 */
public final class Lifetimes {
    public static final Lifetimes NONE = new Lifetimes(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());

    private final Optional<Duration> unretrieved;
    private final Optional<Duration> retrieved;
    private final Optional<Duration> hidden;
    private final Optional<Duration> maxAge;

    public Lifetimes(Optional<Duration> unretrieved, Optional<Duration> retrieved, Optional<Duration> hidden,
                     Optional<Duration> maxAge) {
        this.unretrieved = Objects.requireNonNull(unretrieved, "unretrieved");
        this.retrieved = Objects.requireNonNull(retrieved, "retrieved");
        this.hidden = Objects.requireNonNull(hidden, "hidden");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    /** Messages no device has retrieved, counted from arrival. */
    public Optional<Duration> unretrieved() {
        return unretrieved;
    }

    /** Retrieved messages, counted from the first retrieval by any device. */
    public Optional<Duration> retrieved() {
        return retrieved;
    }

    /** Messages a DELE hid, counted from the hide. */
    public Optional<Duration> hidden() {
        return hidden;
    }

    /** Every message, whatever POP3 did, counted from arrival ("nothing older than 90 days"). */
    public Optional<Duration> maxAge() {
        return maxAge;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Lifetimes)) {
            return false;
        }
        Lifetimes that = (Lifetimes) other;
        return unretrieved.equals(that.unretrieved) && retrieved.equals(that.retrieved)
            && hidden.equals(that.hidden) && maxAge.equals(that.maxAge);
    }

    @Override
    public int hashCode() {
        return Objects.hash(unretrieved, retrieved, hidden, maxAge);
    }

    @Override
    public String toString() {
        return "Lifetimes{unretrieved=" + unretrieved.orElse(null) + ", retrieved=" + retrieved.orElse(null)
            + ", hidden=" + hidden.orElse(null) + ", maxAge=" + maxAge.orElse(null) + "}";
    }
}
