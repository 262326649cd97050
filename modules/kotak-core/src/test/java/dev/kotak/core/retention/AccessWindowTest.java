package dev.kotak.core.retention;

import static dev.kotak.core.retention.Fixtures.T0;
import static dev.kotak.core.retention.Fixtures.at;
import static dev.kotak.core.retention.Fixtures.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AccessWindowTest {

    private static AccessWindow newerThan(Duration duration) {
        return new AccessWindow(Optional.of(duration), Optional.empty(), OptionalInt.empty());
    }

    private static AccessWindow since(Instant since) {
        return new AccessWindow(Optional.empty(), Optional.of(since), OptionalInt.empty());
    }

    @Test
    void allAdmitsEverything() {
        assertThat(AccessWindow.ALL.admits(Instant.EPOCH, T0)).isTrue();
        assertThat(AccessWindow.ALL.admits(at(days(1)), T0)).isTrue();
        assertThat(AccessWindow.ALL.admits(Instant.MIN, Instant.MAX)).isTrue();
        assertThat(AccessWindow.ALL.maxMessages()).isEmpty();
    }

    @Test
    void newerThanCountsBackFromTheSessionAndIncludesItsBoundary() {
        AccessWindow week = newerThan(days(7));
        Instant now = at(days(30));
        assertThat(week.admits(at(days(23)), now)).isTrue();
        assertThat(week.admits(at(days(23)).minusNanos(1), now)).isFalse();
        assertThat(week.admits(at(days(29)), now)).isTrue();
        assertThat(week.admits(at(days(31)), now)).isTrue();
        assertThat(week.admits(T0, now)).isFalse();
        assertThat(week.admits(T0, at(days(7)))).isTrue();
    }

    @Test
    void sinceIsInclusive() {
        AccessWindow fromNowOn = since(at(days(10)));
        assertThat(fromNowOn.admits(at(days(10)), at(days(30)))).isTrue();
        assertThat(fromNowOn.admits(at(days(10)).minusNanos(1), at(days(30)))).isFalse();
        assertThat(fromNowOn.admits(at(days(29)), at(days(30)))).isTrue();
    }

    @Test
    void bothBoundsMustAdmit() {
        AccessWindow both = new AccessWindow(Optional.of(days(7)), Optional.of(at(days(25))), OptionalInt.of(5));
        Instant now = at(days(30));
        assertThat(both.admits(at(days(24)), now)).isFalse();
        assertThat(both.admits(at(days(25)), now)).isTrue();
        AccessWindow oldSince = new AccessWindow(Optional.of(days(7)), Optional.of(T0), OptionalInt.empty());
        assertThat(oldSince.admits(at(days(22)), now)).isFalse();
        assertThat(oldSince.admits(at(days(23)), now)).isTrue();
    }

    @Test
    void theMessageLimitDoesNotChangeWhatIsAdmitted() {
        AccessWindow one = new AccessWindow(Optional.empty(), Optional.empty(), OptionalInt.of(1));
        assertThat(one.admits(T0, at(days(365)))).isTrue();
        assertThat(one.maxMessages()).hasValue(1);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new AccessWindow(Optional.empty(), Optional.empty(), OptionalInt.of(0)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new AccessWindow(Optional.empty(), Optional.empty(), OptionalInt.of(-3)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> new AccessWindow(null, Optional.empty(), OptionalInt.empty()))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AccessWindow(Optional.empty(), null, OptionalInt.empty()))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AccessWindow(Optional.empty(), Optional.empty(), null))
            .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aWindowLongerThanTimeItselfAdmitsEverything() {
        // Durations accepts up to Long.MAX_VALUE seconds; now minus that is before Instant.MIN.
        AccessWindow huge = newerThan(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(huge.admits(Instant.EPOCH, T0)).isTrue();
        assertThat(huge.admits(Instant.MIN, Instant.MAX)).isTrue();
    }

    @Test
    void equality() {
        assertThat(newerThan(days(7))).isEqualTo(newerThan(days(7))).hasSameHashCodeAs(newerThan(days(7)))
            .isNotEqualTo(newerThan(days(8))).isNotEqualTo(since(T0));
        assertThat(new AccessWindow(Optional.empty(), Optional.empty(), OptionalInt.empty()))
            .isEqualTo(AccessWindow.ALL);
    }
}
