package dev.kotak.server;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.awaitility.Awaitility;

/** Waits for asynchronous delivery; the timeout is generous because CI machines are small. */
final class Eventually {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Eventually() {
    }

    static <T> void assertThat(Supplier<T> actual, T expected) {
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> Objects.equals(actual.get(), expected));
    }
}
