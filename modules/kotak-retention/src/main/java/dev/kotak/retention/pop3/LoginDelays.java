package dev.kotak.retention.pop3;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Singleton;

/**
 * RFC 2449 LOGIN-DELAY bookkeeping: the last admitted login of each user and device. Kept in memory, like the
 * session lock: in a cluster each node enforces it for the logins it serves.
 */
@Singleton
public class LoginDelays {
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Instant> lastLogins = new ConcurrentHashMap<>();

    /**
     * Admits a login at {@code now} unless the previous admitted one of {@code key} is less than {@code delay}
     * ago; returns how long the client still has to wait when refused.
     */
    public Optional<Duration> tryLogin(String key, Instant now, Duration delay) {
        if (delay.isZero()) {
            return Optional.empty();
        }
        Duration[] wait = new Duration[1];
        lastLogins.compute(key, (ignored, last) -> {
            if (last != null && now.isBefore(last.plus(delay))) {
                wait[0] = Duration.between(now, last.plus(delay));
                return last;
            }
            return now;
        });
        if (lastLogins.size() > PRUNE_ABOVE) {
            lastLogins.values().removeIf(last -> last.isBefore(now.minus(delay)));
        }
        return Optional.ofNullable(wait[0]);
    }
}
