package dev.kotak.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing Kotak did to a user's mail, as a compliance officer reads it: when, what, to whose message, from
 * which device, and which rule of which policy decided it. The audit issue gives these events tamper-evident
 * sinks; until then they are log lines.
 */
public final class AuditEvent {
    private final Instant time;
    private final String action;
    private final String user;
    private final Optional<String> messageId;
    private final Optional<String> uidl;
    private final Optional<String> device;
    private final String rule;
    private final String policy;

    private AuditEvent(Builder builder) {
        this.time = Objects.requireNonNull(builder.time, "time");
        this.action = Objects.requireNonNull(builder.action, "action");
        this.user = Objects.requireNonNull(builder.user, "user");
        this.messageId = Optional.ofNullable(builder.messageId);
        this.uidl = Optional.ofNullable(builder.uidl);
        this.device = Optional.ofNullable(builder.device);
        this.rule = Objects.requireNonNull(builder.rule, "rule");
        this.policy = Objects.requireNonNull(builder.policy, "policy");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Instant time() {
        return time;
    }

    /** What was done: {@code retrieved}, {@code hidden}, {@code moved}, {@code expired}, {@code purged}, ... */
    public String action() {
        return action;
    }

    public String user() {
        return user;
    }

    /** The message's Message-ID header, when it has one. */
    public Optional<String> messageId() {
        return messageId;
    }

    /** The POP3 unique-id of the message, when a POP3 session or INBOX is involved. */
    public Optional<String> uidl() {
        return uidl;
    }

    public Optional<String> device() {
        return device;
    }

    /** The rule that decided, e.g. {@code onDelete=hide} or {@code expire.retrieved=14d}. */
    public String rule() {
        return rule;
    }

    public String policy() {
        return policy;
    }

    @Override
    public String toString() {
        return "action=" + action + " user=" + user + " messageId=" + messageId.orElse("-") + " uidl="
            + uidl.orElse("-") + " device=" + device.orElse("-") + " rule=" + rule + " policy=" + policy
            + " time=" + time;
    }

    public static final class Builder {
        private Instant time;
        private String action;
        private String user;
        private String messageId;
        private String uidl;
        private String device;
        private String rule;
        private String policy;

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder messageId(Optional<String> messageId) {
            this.messageId = messageId.orElse(null);
            return this;
        }

        public Builder uidl(Optional<String> uidl) {
            this.uidl = uidl.orElse(null);
            return this;
        }

        public Builder device(Optional<String> device) {
            this.device = device.orElse(null);
            return this;
        }

        public Builder rule(String rule) {
            this.rule = rule;
            return this;
        }

        public Builder policy(String policy) {
            this.policy = policy;
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(this);
        }
    }
}
