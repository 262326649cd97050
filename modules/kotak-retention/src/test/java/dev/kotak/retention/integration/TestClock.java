package dev.kotak.retention.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import dev.kotak.retention.RetentionClock;

/** Wall time plus an offset the test moves forward, so days pass in a call while mail keeps real arrival dates. */
public final class TestClock implements RetentionClock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant now() {
        return Instant.now().plus(offset.get());
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }
}
