package dev.kotak.retention.sweeper;

import java.time.Instant;
import java.util.Optional;

import dev.kotak.core.retention.Decision;

/** One message a dry run examined, with what the rules decide for it. */
public final class SweptMessage {
    private final String mailbox;
    private final long uid;
    private final Instant arrival;
    private final Decision decision;

    SweptMessage(String mailbox, long uid, Instant arrival, Decision decision) {
        this.mailbox = mailbox;
        this.uid = uid;
        this.arrival = arrival;
        this.decision = decision;
    }

    public String mailbox() {
        return mailbox;
    }

    public long uid() {
        return uid;
    }

    public Instant arrival() {
        return arrival;
    }

    public Decision decision() {
        return decision;
    }

    /** {@code remove}, {@code held} (a rule would remove it but a hold keeps it) or {@code keep}. */
    public String outcome() {
        if (decision.expunges()) {
            return "remove";
        }
        return decision.heldBy().isPresent() ? "held" : "keep";
    }

    public Optional<String> rule() {
        return decision.rule();
    }
}
