package dev.kotak.retention;

import java.time.Instant;

import com.google.inject.ImplementedBy;

/**
 * Where retention reads the time. Production uses the system clock; tests bind their own in the server's
 * injector (never in the extension module, so that a test's binding is the only one) to let days pass in seconds.
 */
@ImplementedBy(SystemRetentionClock.class)
public interface RetentionClock {
    Instant now();
}
