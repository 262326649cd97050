package dev.kotak.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    private static final String EXPECTED =
            "expected a whole number of bytes, optionally followed by K, M or G (powers of 1024), e.g. 512K, 100M, 2G";

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "0      | 0",
        "1536   | 1536",
        "1K     | 1024",
        "512k   | 524288",
        "512 KB | 524288",
        "4kb    | 4096",
        "100M   | 104857600",
        "100 mb | 104857600",
        "2G     | 2147483648",
        "2 gB   | 2147483648",
        "8589934591G | 9223372035781033984",
        "9223372036854775807 | 9223372036854775807",
    })
    void parsesJamesNotation(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "12X     | '12X' is not a size; " + EXPECTED,
        "12 T    | '12 T' is not a size; " + EXPECTED,
        "12B     | '12B' is not a size; " + EXPECTED,
        "1 0M    | '1 0M' is not a size; " + EXPECTED,
        "100 M x | '100 M x' is not a size; " + EXPECTED,
        "100  M  | '100  M' is not a size; " + EXPECTED,
        "M       | 'M' is not a size; " + EXPECTED,
        "\" 5M\" | ' 5M' is not a size; " + EXPECTED,
        "-1      | '-1' is negative; expected zero or more, e.g. 512K, 100M, 2G",
        "-5M     | '-5M' is negative; expected zero or more, e.g. 512K, 100M, 2G",
        "1.5G    | '1.5G' is not a whole number; " + EXPECTED,
        "8589934592G | '8589934592G' is too large; expected at most 8589934591G",
        "9007199254740992K | '9007199254740992K' is too large; expected at most 9007199254740991K",
        "9223372036854775808 | '9223372036854775808' is too large; expected at most 9223372036854775807",
    })
    void rejectsWithAMessageSayingWhatWasGivenAndWhatIsExpected(String text, String message) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAnEmptyValue() {
        assertThatThrownBy(() -> Sizes.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an empty value is not a size; " + EXPECTED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0          | 0",
        "1536       | 1536",
        "1024       | 1K",
        "104857600  | 100M",
        "2147483648 | 2G",
        "1610612736 | 1536M",
    })
    void rendersInTheLargestExactUnit(long bytes, String expected) {
        assertThat(Sizes.format(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1536", "1K", "100M", "2G", "1536M"})
    void rendersWhatItParses(String text) {
        assertThat(Sizes.format(Sizes.parse(text))).isEqualTo(text);
    }
}
