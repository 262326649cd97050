package dev.kotak.pop3.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * How long to wait before answering a failed login (Dovecot's auth penalty): the delay starts at
 * {@code authFailures delay} and doubles with every recent failure from the same remote address or for the same
 * user, whichever has more, up to {@code maxDelay}. A counter is forgotten after {@link #QUIET_PERIOD} without
 * failures; a successful login clears its address's counter (not the user's: an attacker's successes elsewhere
 * must not unlock a user under attack).
 *
 * <p>Only failures are delayed, so a user who types the right password is never slowed down by an attacker
 * guessing theirs. Memory is bounded: at most {@link #MAX_ENTRIES} counters per kind; when full, expired
 * counters are dropped, then the map is cleared (which only makes the server more lenient).
 */
@Singleton
public class AuthFailureDamping {
    static final Duration QUIET_PERIOD = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 100_000;

    private final Pop3Settings settings;
    private final Clock clock;
    private final Map<String, Counter> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Counter> byUser = new ConcurrentHashMap<>();

    @Inject
    public AuthFailureDamping(Pop3Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public AuthFailureDamping(Pop3Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Records a failure and returns how long to hold its reply. */
    public Duration failure(String address, String user) {
        Instant now = clock.instant();
        int failures = Math.max(record(byAddress, address, now), record(byUser, normalise(user), now));
        return delayFor(failures, settings.current());
    }

    /** A successful login from {@code address}. */
    public void success(String address) {
        if (address != null) {
            byAddress.remove(address);
        }
    }

    /** {@code delay * 2^(failures-1)}, capped at {@code maxDelay}. */
    static Duration delayFor(int failures, Pop3Config config) {
        Duration delay = config.authFailureDelay();
        Duration max = config.authFailureMaxDelay();
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private int record(Map<String, Counter> counters, String key, Instant now) {
        if (key == null || key.isEmpty()) {
            return 0;
        }
        if (counters.size() >= MAX_ENTRIES && !counters.containsKey(key)) {
            evict(counters, now);
        }
        return counters.compute(key, (ignored, counter) ->
            counter == null || counter.expired(now) ? new Counter(1, now) : new Counter(counter.failures + 1, now)
        ).failures;
    }

    private static void evict(Map<String, Counter> counters, Instant now) {
        for (Iterator<Counter> it = counters.values().iterator(); it.hasNext(); ) {
            if (it.next().expired(now)) {
                it.remove();
            }
        }
        if (counters.size() >= MAX_ENTRIES) {
            counters.clear();
        }
    }

    private static String normalise(String user) {
        return user == null ? null : user.toLowerCase(java.util.Locale.ROOT);
    }

    private static final class Counter {
        final int failures;
        final Instant last;

        Counter(int failures, Instant last) {
            this.failures = failures;
            this.last = last;
        }

        boolean expired(Instant now) {
            return !last.plus(QUIET_PERIOD).isAfter(now);
        }
    }
}
