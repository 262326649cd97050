package dev.kotak.core.retention;

import static dev.kotak.core.retention.Fixtures.T0;
import static dev.kotak.core.retention.Fixtures.at;
import static dev.kotak.core.retention.Fixtures.days;
import static dev.kotak.core.retention.Fixtures.hold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegalHoldTest {

    @Test
    void anOpenEndedHoldIsAlwaysActive() {
        LegalHold hold = hold(Optional.empty());
        assertThat(hold.activeAt(Instant.MIN)).isTrue();
        assertThat(hold.activeAt(T0)).isTrue();
        assertThat(hold.activeAt(Instant.MAX)).isTrue();
        assertThat(hold.toString()).contains("lifted by hand");
    }

    @Test
    void theEndIsExclusive() {
        LegalHold hold = hold(Optional.of(at(days(30))));
        assertThat(hold.activeAt(T0)).isTrue();
        assertThat(hold.activeAt(at(days(30)).minusNanos(1))).isTrue();
        assertThat(hold.activeAt(at(days(30)))).isFalse();
        assertThat(hold.activeAt(at(days(31)))).isFalse();
        assertThat(hold.activeAt(Instant.MAX)).isFalse();
    }

    @Test
    void fields() {
        LegalHold hold = new LegalHold("bob@example.org", "audit", "case-7", Optional.of(T0),
            LegalHold.Source.WEBADMIN);
        assertThat(hold.user()).isEqualTo("bob@example.org");
        assertThat(hold.reason()).isEqualTo("audit");
        assertThat(hold.owner()).isEqualTo("case-7");
        assertThat(hold.until()).contains(T0);
        assertThat(hold.source()).isEqualTo(LegalHold.Source.WEBADMIN);
        assertThat(hold.toString()).contains("bob@example.org", "audit", "case-7", T0.toString(), "WEBADMIN");
    }

    @Test
    void equality() {
        assertThat(hold(Optional.of(T0))).isEqualTo(hold(Optional.of(T0))).hasSameHashCodeAs(hold(Optional.of(T0)))
            .isNotEqualTo(hold(Optional.empty()));
        assertThat(new LegalHold("u", "r", "o", Optional.empty(), LegalHold.Source.XML))
            .isNotEqualTo(new LegalHold("u", "r", "o", Optional.empty(), LegalHold.Source.WEBADMIN));
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> new LegalHold(null, "r", "o", Optional.empty(), LegalHold.Source.XML))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LegalHold("u", "r", "o", null, LegalHold.Source.XML))
            .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LegalHold("u", "r", "o", Optional.empty(), null))
            .isInstanceOf(NullPointerException.class);
    }
}
