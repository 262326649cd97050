package dev.kotak.pop3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;

class AuthFailureDampingTest {
    private final MutableClock clock = new MutableClock();
    private final AuthFailureDamping damping = new AuthFailureDamping(Pop3Settings.of(Pop3Config.DEFAULTS), clock);

    @Test
    void theDelayDoublesUpToTheMaximum() {
        assertThat(damping.failure("192.0.2.1", "alice")).isEqualTo(Duration.ofSeconds(2));
        assertThat(damping.failure("192.0.2.1", "alice")).isEqualTo(Duration.ofSeconds(4));
        assertThat(damping.failure("192.0.2.1", "alice")).isEqualTo(Duration.ofSeconds(8));
        assertThat(damping.failure("192.0.2.1", "alice")).isEqualTo(Duration.ofSeconds(15));
        assertThat(damping.failure("192.0.2.1", "alice")).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void anAddressGuessingManyUsersIsDamped() {
        damping.failure("192.0.2.1", "alice");
        damping.failure("192.0.2.1", "bob");

        assertThat(damping.failure("192.0.2.1", "carol")).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aUserAttackedFromManyAddressesIsDamped() {
        damping.failure("192.0.2.1", "alice");
        damping.failure("192.0.2.2", "Alice");

        assertThat(damping.failure("192.0.2.3", "ALICE")).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void countersAreForgottenAfterAQuietPeriod() {
        damping.failure("192.0.2.1", "alice");
        damping.failure("192.0.2.1", "alice");

        clock.advance(AuthFailureDamping.QUIET_PERIOD);

        assertThat(damping.failure("192.0.2.1", "alice")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aFailureWithinTheQuietPeriodKeepsCounting() {
        damping.failure("192.0.2.1", "alice");
        clock.advance(AuthFailureDamping.QUIET_PERIOD.minusSeconds(1));

        assertThat(damping.failure("192.0.2.1", "alice")).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aSuccessClearsTheAddressButNotTheUser() {
        damping.failure("192.0.2.1", "alice");
        damping.failure("192.0.2.1", "alice");
        damping.success("192.0.2.1");

        assertThat(damping.failure("192.0.2.1", "bob")).isEqualTo(Duration.ofSeconds(2));
        assertThat(damping.failure("192.0.2.9", "alice")).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void delayArithmetic() {
        Pop3Config config = Pop3Config.builder().authFailureDelay(Duration.ofMillis(300))
            .authFailureMaxDelay(Duration.ofSeconds(1)).build();

        assertThat(AuthFailureDamping.delayFor(1, config)).isEqualTo(Duration.ofMillis(300));
        assertThat(AuthFailureDamping.delayFor(2, config)).isEqualTo(Duration.ofMillis(600));
        assertThat(AuthFailureDamping.delayFor(3, config)).isEqualTo(Duration.ofSeconds(1));
        assertThat(AuthFailureDamping.delayFor(1000, config)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aZeroDelayDisablesDamping() {
        Pop3Config config = Pop3Config.builder().authFailureDelay(Duration.ZERO).authFailureMaxDelay(Duration.ZERO).build();

        assertThat(AuthFailureDamping.delayFor(50, config)).isZero();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
