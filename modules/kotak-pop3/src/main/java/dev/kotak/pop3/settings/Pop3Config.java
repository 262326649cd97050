package dev.kotak.pop3.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * The values of {@code conf/pop3.xml}, defaults filled in. Immutable; built by {@link Pop3ConfigReader}.
 */
public final class Pop3Config {
    public static final Pop3Config DEFAULTS = builder().build();

    private final UidlFormat uidlFormat;
    private final boolean requireTls;
    private final boolean exemptLoopback;
    private final boolean sessionLock;
    private final Duration authFailureDelay;
    private final Duration authFailureMaxDelay;
    private final int disconnectAfterAuthFailures;
    private final int badCommandsBeforeLogin;
    private final int badCommandsAfterLogin;

    private Pop3Config(Builder builder) {
        this.uidlFormat = builder.uidlFormat;
        this.requireTls = builder.requireTls;
        this.exemptLoopback = builder.exemptLoopback;
        this.sessionLock = builder.sessionLock;
        this.authFailureDelay = builder.authFailureDelay;
        this.authFailureMaxDelay = builder.authFailureMaxDelay;
        this.disconnectAfterAuthFailures = builder.disconnectAfterAuthFailures;
        this.badCommandsBeforeLogin = builder.badCommandsBeforeLogin;
        this.badCommandsAfterLogin = builder.badCommandsAfterLogin;
    }

    public static Builder builder() {
        return new Builder();
    }

    public UidlFormat uidlFormat() {
        return uidlFormat;
    }

    /** USER, PASS and AUTH PLAIN are refused before TLS. */
    public boolean requireTls() {
        return requireTls;
    }

    /** Clients on a loopback address may log in without TLS even when {@link #requireTls()}. */
    public boolean exemptLoopback() {
        return exemptLoopback;
    }

    public boolean sessionLock() {
        return sessionLock;
    }

    public Duration authFailureDelay() {
        return authFailureDelay;
    }

    public Duration authFailureMaxDelay() {
        return authFailureMaxDelay;
    }

    public int disconnectAfterAuthFailures() {
        return disconnectAfterAuthFailures;
    }

    public int badCommandsBeforeLogin() {
        return badCommandsBeforeLogin;
    }

    public int badCommandsAfterLogin() {
        return badCommandsAfterLogin;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Pop3Config)) {
            return false;
        }
        Pop3Config that = (Pop3Config) other;
        return uidlFormat == that.uidlFormat && requireTls == that.requireTls && exemptLoopback == that.exemptLoopback
            && sessionLock == that.sessionLock && authFailureDelay.equals(that.authFailureDelay)
            && authFailureMaxDelay.equals(that.authFailureMaxDelay)
            && disconnectAfterAuthFailures == that.disconnectAfterAuthFailures
            && badCommandsBeforeLogin == that.badCommandsBeforeLogin
            && badCommandsAfterLogin == that.badCommandsAfterLogin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uidlFormat, requireTls, exemptLoopback, sessionLock, authFailureDelay, authFailureMaxDelay,
            disconnectAfterAuthFailures, badCommandsBeforeLogin, badCommandsAfterLogin);
    }

    @Override
    public String toString() {
        return "uidl=" + uidlFormat.configName() + ", requireTls=" + requireTls + ", exemptLoopback=" + exemptLoopback
            + ", sessionLock=" + sessionLock + ", authFailures.delay=" + authFailureDelay
            + ", authFailures.maxDelay=" + authFailureMaxDelay + ", authFailures.disconnectAfter="
            + disconnectAfterAuthFailures + ", badCommands=" + badCommandsBeforeLogin + "/" + badCommandsAfterLogin;
    }

    /** Starts from the documented defaults. */
    public static final class Builder {
        private UidlFormat uidlFormat = UidlFormat.UID;
        private boolean requireTls = false;
        private boolean exemptLoopback = false;
        private boolean sessionLock = false;
        private Duration authFailureDelay = Duration.ofSeconds(2);
        private Duration authFailureMaxDelay = Duration.ofSeconds(15);
        private int disconnectAfterAuthFailures = 3;
        private int badCommandsBeforeLogin = 3;
        private int badCommandsAfterLogin = 20;

        private Builder() {
        }

        public Builder uidlFormat(UidlFormat value) {
            this.uidlFormat = Objects.requireNonNull(value);
            return this;
        }

        public Builder requireTls(boolean value) {
            this.requireTls = value;
            return this;
        }

        public Builder exemptLoopback(boolean value) {
            this.exemptLoopback = value;
            return this;
        }

        public Builder sessionLock(boolean value) {
            this.sessionLock = value;
            return this;
        }

        public Builder authFailureDelay(Duration value) {
            this.authFailureDelay = Objects.requireNonNull(value);
            return this;
        }

        public Builder authFailureMaxDelay(Duration value) {
            this.authFailureMaxDelay = Objects.requireNonNull(value);
            return this;
        }

        public Builder disconnectAfterAuthFailures(int value) {
            this.disconnectAfterAuthFailures = value;
            return this;
        }

        public Builder badCommandsBeforeLogin(int value) {
            this.badCommandsBeforeLogin = value;
            return this;
        }

        public Builder badCommandsAfterLogin(int value) {
            this.badCommandsAfterLogin = value;
            return this;
        }

        public Pop3Config build() {
            return new Pop3Config(this);
        }
    }
}
