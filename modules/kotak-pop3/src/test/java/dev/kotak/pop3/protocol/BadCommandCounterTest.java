package dev.kotak.pop3.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BadCommandCounterTest {
    @Test
    void theLimitthBadCommandInARowCloses() {
        BadCommandCounter counter = new BadCommandCounter();

        assertThat(counter.record(true, 3)).isFalse();
        assertThat(counter.record(true, 3)).isFalse();
        assertThat(counter.record(true, 3)).isTrue();
    }

    @Test
    void aGoodCommandResetsTheCount() {
        BadCommandCounter counter = new BadCommandCounter();
        counter.record(true, 3);
        counter.record(true, 3);

        assertThat(counter.record(false, 3)).isFalse();
        assertThat(counter.consecutive()).isZero();
        assertThat(counter.record(true, 3)).isFalse();
        assertThat(counter.record(true, 3)).isFalse();
    }

    @Test
    void aLimitOfOneClosesAtTheFirst() {
        assertThat(new BadCommandCounter().record(true, 1)).isTrue();
    }
}
