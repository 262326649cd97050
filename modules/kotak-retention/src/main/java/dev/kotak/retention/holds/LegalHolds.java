package dev.kotak.retention.holds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.kotak.core.retention.LegalHold;
import dev.kotak.core.retention.config.RetentionConfig;

/**
 * Every legal hold, from retention.xml and from WebAdmin. Read from the store each time it is asked (a hold set on
 * one node must bind every node at once); callers ask only before something destructive.
 */
@Singleton
public class LegalHolds {
    private final RetentionConfig config;
    private final HoldStore store;

    @Inject
    public LegalHolds(RetentionConfig config, HoldStore store) {
        this.config = config;
        this.store = store;
    }

    /** Every hold of every user, XML first. */
    public List<LegalHold> all() throws HoldStore.HoldStoreException {
        List<LegalHold> holds = new ArrayList<>(config.holds());
        holds.addAll(store.list());
        return holds;
    }

    /** The holds of one user (XML and WebAdmin: both may exist, and both bind). */
    public List<LegalHold> of(String user) throws HoldStore.HoldStoreException {
        String key = user.toLowerCase(Locale.ROOT);
        return all().stream().filter(hold -> hold.user().toLowerCase(Locale.ROOT).equals(key))
            .collect(Collectors.toList());
    }

    /** A hold of the user active at {@code instant}: the one that lasts longest, if several. */
    public Optional<LegalHold> activeOn(String user, Instant instant) throws HoldStore.HoldStoreException {
        return active(of(user), instant);
    }

    public static Optional<LegalHold> active(List<LegalHold> holds, Instant instant) {
        return holds.stream().filter(hold -> hold.activeAt(instant))
            .max(Comparator.comparing(hold -> hold.until().orElse(Instant.MAX)));
    }
}
