package dev.kotak.pop3.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UidlFormatTest {
    @Test
    void uidIsTheStockDecimalUid() {
        assertThat(UidlFormat.UID.format(42, 123456)).isEqualTo("42");
    }

    @Test
    void uidUidvalidityIsDovecotsFormat() {
        assertThat(UidlFormat.UID_UIDVALIDITY.format(1, 1)).isEqualTo("0000000100000001");
        assertThat(UidlFormat.UID_UIDVALIDITY.format(0x2A, 0x5F3C1B2AL)).isEqualTo("0000002A5F3C1B2A");
        assertThat(UidlFormat.UID_UIDVALIDITY.format(0xFFFFFFFFL, 0xFFFFFFFFL)).isEqualTo("FFFFFFFFFFFFFFFF");
    }

    @Test
    void aRecreatedMailboxGivesNewUidls() {
        assertThat(UidlFormat.UID_UIDVALIDITY.format(1, 100)).isNotEqualTo(UidlFormat.UID_UIDVALIDITY.format(1, 101));
    }

    @Test
    void uidlsAreValidPop3UniqueIds() {
        // RFC 1939: 1 to 70 characters in the range 0x21 to 0x7E.
        String uidl = UidlFormat.UID_UIDVALIDITY.format(Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(uidl.length()).isBetween(1, 70);
        assertThat(uidl.chars()).allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    @Test
    void configNamesRoundTrip() {
        for (UidlFormat format : UidlFormat.values()) {
            assertThat(UidlFormat.fromConfigName(format.configName())).isEqualTo(format);
        }
    }
}
