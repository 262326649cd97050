package dev.kotak.core.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The expiry rules: what a policy decides for one INBOX message at one instant. Every applicable lifetime gives
 * the instant it allows removal; the earliest wins, and a legal hold active at that instant overrides all.
 * Pure and deterministic, so that the sweeper, the dry run and the tests agree by construction.
 */
public final class RetentionRules {

    private RetentionRules() {
    }

    public static Decision decide(Policy policy, MessageState message, Instant now, Optional<LegalHold> hold) {
        Lifetimes lifetimes = policy.lifetimes();
        Candidate first = new Candidate();
        if (message.isRetrieved()) {
            first.offer(Decision.RETRIEVED, message.firstRetrieved().get(), lifetimes.retrieved());
        } else {
            first.offer(Decision.UNRETRIEVED, message.arrival(), lifetimes.unretrieved());
        }
        message.hiddenSince().ifPresent(since -> first.offer(Decision.HIDDEN, since, lifetimes.hidden()));
        first.offer(Decision.MAX_AGE, message.arrival(), lifetimes.maxAge());
        if (policy.keepUntilAllDevicesRetrieved() && message.isRetrieved()
            && message.retrievedBy().containsAll(policy.devices().keySet())) {
            // The moment the last device retrieved it is not recorded; the first retrieval is the earliest it can be.
            first.offer(Decision.ALL_DEVICES, message.firstRetrieved().get(), Optional.of(Duration.ZERO));
        }
        if (first.rule == null) {
            return Decision.keep(Optional.empty(), Optional.empty());
        }
        if (first.at.isAfter(now)) {
            return Decision.keep(Optional.of(first.rule), Optional.of(first.at));
        }
        if (hold.isPresent() && hold.get().activeAt(now)) {
            return Decision.held(first.rule, first.at, hold.get());
        }
        return Decision.expunge(first.rule, first.at);
    }

    /** The earliest removal instant among the rules offered, and its rule (the first offered wins a tie). */
    private static final class Candidate {
        private String rule;
        private Instant at;

        void offer(String candidateRule, Instant from, Optional<Duration> lifetime) {
            if (lifetime.isEmpty()) {
                return;
            }
            if (lifetime.get().getSeconds() >= Instant.MAX.getEpochSecond() - from.getEpochSecond()) {
                // A lifetime reaching Instant.MAX (Durations accepts up to Long.MAX_VALUE seconds) never ends;
                // Instant.plus would throw and stop the sweep for the whole mailbox. Compared in seconds, as
                // Duration.between(from, Instant.MAX) overflows nanoseconds and throws internally on every call.
                return;
            }
            Instant candidateAt = from.plus(lifetime.get());
            if (at == null || candidateAt.isBefore(at)) {
                rule = candidateRule;
                at = candidateAt;
            }
        }
    }
}
