package dev.kotak.retention.sweeper;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One sweep: whose mail, as of when (a dry run may look ahead), for real or not, and how fast. */
public final class SweepRequest {
    private final SweepScope scope;
    private final Optional<Instant> asOf;
    private final boolean dryRun;
    private final int usersPerSecond;

    public SweepRequest(SweepScope scope, Optional<Instant> asOf, boolean dryRun, int usersPerSecond) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.dryRun = dryRun;
        if (usersPerSecond < 1) {
            throw new IllegalArgumentException("usersPerSecond must be at least 1");
        }
        this.usersPerSecond = usersPerSecond;
        if (asOf.isPresent() && !dryRun) {
            throw new IllegalArgumentException("asOf is only for dry runs: a real sweep acts now");
        }
    }

    public SweepScope scope() {
        return scope;
    }

    public Optional<Instant> asOf() {
        return asOf;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public int usersPerSecond() {
        return usersPerSecond;
    }

    @Override
    public String toString() {
        return "SweepRequest{scope=" + scope + ", asOf=" + asOf.orElse(null) + ", dryRun=" + dryRun
            + ", usersPerSecond=" + usersPerSecond + "}";
    }
}
