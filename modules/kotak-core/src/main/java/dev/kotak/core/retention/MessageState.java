package dev.kotak.core.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What Kotak knows of one INBOX message: when it arrived, when a device first retrieved it and which devices
 * did, and whether a DELE hid it (from every POP3 view, or from some devices only). Adapters read it from the
 * message's keywords.
 */
public final class MessageState {
    private final Instant arrival;
    private final Optional<Instant> firstRetrieved;
    private final Set<String> retrievedBy;
    private final Optional<Instant> hiddenSince;
    private final Set<String> hiddenFrom;

    public MessageState(Instant arrival, Optional<Instant> firstRetrieved, Set<String> retrievedBy,
                        Optional<Instant> hiddenSince, Set<String> hiddenFrom) {
        this.arrival = Objects.requireNonNull(arrival, "arrival");
        this.firstRetrieved = Objects.requireNonNull(firstRetrieved, "firstRetrieved");
        this.retrievedBy = Set.copyOf(retrievedBy);
        this.hiddenSince = Objects.requireNonNull(hiddenSince, "hiddenSince");
        this.hiddenFrom = Set.copyOf(hiddenFrom);
    }

    public static MessageState arrived(Instant arrival) {
        return new MessageState(arrival, Optional.empty(), Set.of(), Optional.empty(), Set.of());
    }

    public Instant arrival() {
        return arrival;
    }

    public Optional<Instant> firstRetrieved() {
        return firstRetrieved;
    }

    /** Normalized names of the devices that retrieved it; a login without a device is not in it. */
    public Set<String> retrievedBy() {
        return retrievedBy;
    }

    public boolean isRetrieved() {
        return firstRetrieved.isPresent();
    }

    /** When a DELE hid it from every POP3 view. */
    public Optional<Instant> hiddenSince() {
        return hiddenSince;
    }

    /** Devices a DELE hid it from, each for itself. */
    public Set<String> hiddenFrom() {
        return hiddenFrom;
    }

    /** True when a session with these rules lists the message. */
    public boolean visibleTo(Optional<String> device) {
        return hiddenSince.isEmpty() && (device.isEmpty() || !hiddenFrom.contains(device.get()));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof MessageState)) {
            return false;
        }
        MessageState that = (MessageState) other;
        return arrival.equals(that.arrival) && firstRetrieved.equals(that.firstRetrieved)
            && retrievedBy.equals(that.retrievedBy) && hiddenSince.equals(that.hiddenSince)
            && hiddenFrom.equals(that.hiddenFrom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arrival, firstRetrieved, retrievedBy, hiddenSince, hiddenFrom);
    }

    @Override
    public String toString() {
        return "MessageState{arrival=" + arrival + ", firstRetrieved=" + firstRetrieved.orElse(null)
            + ", retrievedBy=" + retrievedBy + ", hiddenSince=" + hiddenSince.orElse(null) + ", hiddenFrom="
            + hiddenFrom + "}";
    }
}
