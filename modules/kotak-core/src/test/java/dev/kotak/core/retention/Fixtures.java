package dev.kotak.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Shorthands shared by the retention tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private Fixtures() {
    }

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static Duration days(long days) {
        return Duration.ofDays(days);
    }

    static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static Optional<Duration> some(Duration duration) {
        return Optional.of(duration);
    }

    static Optional<Duration> none() {
        return Optional.empty();
    }

    static Lifetimes lifetimes(Optional<Duration> unretrieved, Optional<Duration> retrieved,
                               Optional<Duration> hidden, Optional<Duration> maxAge) {
        return new Lifetimes(unretrieved, retrieved, hidden, maxAge);
    }

    static Lifetimes retrievedAfter(Duration retrieved) {
        return new Lifetimes(none(), some(retrieved), none(), none());
    }

    static DeviceRule device(String name) {
        return new DeviceRule(name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static DeviceRule device(String name, OnRetrieve onRetrieve) {
        return new DeviceRule(name, Optional.of(onRetrieve), Optional.empty(), Optional.empty());
    }

    static MessageState arrived(Instant arrival) {
        return MessageState.arrived(arrival);
    }

    static MessageState retrieved(Instant arrival, Instant firstRetrieved, String... devices) {
        return new MessageState(arrival, Optional.of(firstRetrieved), Set.of(devices), Optional.empty(), Set.of());
    }

    static MessageState hidden(MessageState state, Instant since) {
        return new MessageState(state.arrival(), state.firstRetrieved(), state.retrievedBy(), Optional.of(since),
            state.hiddenFrom());
    }

    static LegalHold hold(Optional<Instant> until) {
        return new LegalHold("alice@example.org", "case 42", "legal@example.org", until, LegalHold.Source.XML);
    }
}
