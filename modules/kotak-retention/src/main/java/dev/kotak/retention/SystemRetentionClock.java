package dev.kotak.retention;

import java.time.Instant;

/** The wall clock. */
public class SystemRetentionClock implements RetentionClock {
    @Override
    public Instant now() {
        return Instant.now();
    }
}
