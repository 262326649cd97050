package dev.kotak.core.retention.config;

import java.time.Duration;
import java.util.Objects;

import dev.kotak.core.units.Durations;

/**
 * {@code <sweeper enabled interval usersPerSecond/>}: whether the expiry sweeper runs, how often it starts a
 * pass over every user, and how many users a pass visits per second at most (so that it never competes with
 * POP3 and delivery for the mailbox backend).
 */
public final class SweeperSettings {
    /** Enabled, a pass a day, at most 20 users a second: what a missing {@code <sweeper>} means. */
    public static final SweeperSettings DEFAULT = new SweeperSettings(true, Duration.ofDays(1), 20);

    private final boolean enabled;
    private final Duration interval;
    private final int usersPerSecond;

    /**
     * @throws IllegalArgumentException if {@code interval} is shorter than a second or {@code usersPerSecond}
     *                                  is not positive
     */
    public SweeperSettings(boolean enabled, Duration interval, int usersPerSecond) {
        this.enabled = enabled;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.usersPerSecond = usersPerSecond;
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("sweeper interval " + Durations.format(interval)
                + " is shorter than a second");
        }
        if (usersPerSecond < 1) {
            throw new IllegalArgumentException("usersPerSecond must be at least 1, got " + usersPerSecond);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Time between the starts of two passes. */
    public Duration interval() {
        return interval;
    }

    /** The most users a pass visits per second; always at least 1. */
    public int usersPerSecond() {
        return usersPerSecond;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SweeperSettings)) {
            return false;
        }
        SweeperSettings that = (SweeperSettings) other;
        return enabled == that.enabled && interval.equals(that.interval) && usersPerSecond == that.usersPerSecond;
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, interval, usersPerSecond);
    }

    @Override
    public String toString() {
        return "SweeperSettings{enabled=" + enabled + ", interval=" + Durations.format(interval)
            + ", usersPerSecond=" + usersPerSecond + "}";
    }
}
