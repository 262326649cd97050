package dev.kotak.retention.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoginDelaysTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration DELAY = Duration.ofMinutes(15);

    private final LoginDelays delays = new LoginDelays();

    @Test
    void aSecondLoginTooSoonWaitsForTheRestAndARefusalDoesNotRestartTheClock() {
        assertThat(delays.tryLogin("alice#phone", T0, DELAY)).isEmpty();
        assertThat(delays.tryLogin("alice#phone", T0.plusSeconds(60), DELAY)).contains(Duration.ofMinutes(14));
        assertThat(delays.tryLogin("alice#phone", T0.plusSeconds(120), DELAY)).contains(Duration.ofMinutes(13));
        assertThat(delays.tryLogin("alice#phone", T0.plus(DELAY), DELAY)).isEmpty();
    }

    @Test
    void eachDeviceHasItsOwnClock() {
        assertThat(delays.tryLogin("alice#phone", T0, DELAY)).isEmpty();
        assertThat(delays.tryLogin("alice#laptop", T0.plusSeconds(1), DELAY)).isEmpty();
    }

    @Test
    void noDelayAdmitsEverything() {
        assertThat(delays.tryLogin("alice#", T0, Duration.ZERO)).isEmpty();
        assertThat(delays.tryLogin("alice#", T0, Duration.ZERO)).isEmpty();
    }
}
