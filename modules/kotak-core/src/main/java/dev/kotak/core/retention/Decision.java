package dev.kotak.core.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the expiry rules decide for one message at one instant: keep it, or expunge it because of a rule. A
 * message a rule would remove but a legal hold keeps is {@link #heldBy() held}; the dry run shows both.
 */
public final class Decision {
    public enum Outcome { KEEP, EXPUNGE }

    /** Rule names, as the dry run, the metrics and the audit log show them. */
    public static final String UNRETRIEVED = "expire.unretrieved";
    public static final String RETRIEVED = "expire.retrieved";
    public static final String HIDDEN = "expire.hidden";
    public static final String MAX_AGE = "expire.maxAge";
    public static final String ALL_DEVICES = "devices.keepUntilAllRetrieved";

    private final Outcome outcome;
    private final Optional<String> rule;
    private final Optional<Instant> removableAt;
    private final Optional<LegalHold> heldBy;

    private Decision(Outcome outcome, Optional<String> rule, Optional<Instant> removableAt,
                     Optional<LegalHold> heldBy) {
        this.outcome = outcome;
        this.rule = rule;
        this.removableAt = removableAt;
        this.heldBy = heldBy;
    }

    static Decision keep(Optional<String> nextRule, Optional<Instant> removableAt) {
        return new Decision(Outcome.KEEP, nextRule, removableAt, Optional.empty());
    }

    static Decision expunge(String rule, Instant removableAt) {
        return new Decision(Outcome.EXPUNGE, Optional.of(rule), Optional.of(removableAt), Optional.empty());
    }

    static Decision held(String rule, Instant removableAt, LegalHold hold) {
        return new Decision(Outcome.KEEP, Optional.of(rule), Optional.of(removableAt), Optional.of(hold));
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean expunges() {
        return outcome == Outcome.EXPUNGE;
    }

    /**
     * The rule that removes it ({@link Outcome#EXPUNGE}), would remove it but for a hold, or will remove it
     * first ({@link Outcome#KEEP} with {@link #removableAt()} in the future). Empty: no rule ever removes it.
     */
    public Optional<String> rule() {
        return rule;
    }

    /** The earliest instant a rule allows removing the message; empty if none ever does. */
    public Optional<Instant> removableAt() {
        return removableAt;
    }

    public Optional<LegalHold> heldBy() {
        return heldBy;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Decision)) {
            return false;
        }
        Decision that = (Decision) other;
        return outcome == that.outcome && rule.equals(that.rule) && removableAt.equals(that.removableAt)
            && heldBy.equals(that.heldBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, rule, removableAt, heldBy);
    }

    @Override
    public String toString() {
        return "Decision{" + outcome + ", rule=" + rule.orElse(null) + ", removableAt=" + removableAt.orElse(null)
            + heldBy.map(hold -> ", heldBy=" + hold).orElse("") + "}";
    }
}
