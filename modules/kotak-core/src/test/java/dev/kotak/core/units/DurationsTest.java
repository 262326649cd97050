package dev.kotak.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    private static final String EXPECTED =
            "expected a whole number followed by a unit (ms, s, m, h, d, w, month, y), e.g. 30d, 12h, 90s";

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "0ms        | PT0S",
        "250ms      | PT0.25S",
        "250 msec   | PT0.25S",
        "2msecs     | PT0.002S",
        "90s        | PT1M30S",
        "1 sec      | PT1S",
        "5secs      | PT5S",
        "1 second   | PT1S",
        "45seconds  | PT45S",
        "15m        | PT15M",
        "1min       | PT1M",
        "2 mins     | PT2M",
        "1 minute   | PT1M",
        "30minutes  | PT30M",
        "12h        | PT12H",
        "1 hour     | PT1H",
        "36hours    | PT36H",
        "30d        | PT720H",
        "1 day      | PT24H",
        "14days     | PT336H",
        "2w         | PT336H",
        "1 week     | PT168H",
        "3weeks     | PT504H",
        "1month     | PT720H",
        "6 months   | PT4320H",
        "1y         | PT8760H",
        "2 year     | PT17520H",
        "10years    | PT87600H",
        "30D        | PT720H",
        "12H        | PT12H",
        "15M        | PT15M",
        "5MS        | PT0.005S",
        "1 MONTH    | PT720H",
        "2 Years    | PT17520H",
        "007d       | PT168H",
    })
    void parsesJamesNotation(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest(name = "{0} in {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "30  | DAYS    | PT720H",
        "90  | SECONDS | PT1M30S",
        "500 | MILLIS  | PT0.5S",
        "2   | WEEKS   | PT336H",
        "1   | MONTHS  | PT720H",
        "1   | YEARS   | PT8760H",
        "0   | HOURS   | PT0S",
        "12h | DAYS    | PT12H",
    })
    void readsABareNumberInTheCallersDefaultUnit(String text, ChronoUnit unit, String iso) {
        assertThat(Durations.parse(text, unit)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "30x      | '30x' is not a duration; " + EXPECTED,
        "30 d x   | '30 d x' is not a duration; " + EXPECTED,
        "30  d    | '30  d' is not a duration; " + EXPECTED,
        "d        | 'd' is not a duration; " + EXPECTED,
        "thirty d | 'thirty d' is not a duration; " + EXPECTED,
        "+5d      | '+5d' is not a duration; " + EXPECTED,
        "5dd      | '5dd' is not a duration; " + EXPECTED,
        "1mo      | '1mo' is not a duration; " + EXPECTED,
        "1 fortnight | '1 fortnight' is not a duration; " + EXPECTED,
        "\" 30d\" | ' 30d' is not a duration; " + EXPECTED,
        "\"30d \" | '30d ' is not a duration; " + EXPECTED,
        "-5d      | '-5d' is negative; expected zero or more, e.g. 30d, 12h, 90s",
        "-1       | '-1' is negative; expected zero or more, e.g. 30d, 12h, 90s",
        "1.5h     | '1.5h' is not a whole number; " + EXPECTED,
        "1,5 h    | '1,5 h' is not a whole number; " + EXPECTED,
        ".5d      | '.5d' is not a whole number; " + EXPECTED,
        "30       | '30' has no unit; " + EXPECTED,
        "99999999999999999999d | '99999999999999999999d' is too large; expected at most 106751991167300d",
        "106751991167301d      | '106751991167301d' is too large; expected at most 106751991167300d",
        "292471208678y         | '292471208678y' is too large; expected at most 292471208677y",
        "99999999999999999999ms | '99999999999999999999ms' is too large; expected at most 9223372036854775807ms",
    })
    void rejectsWithAMessageSayingWhatWasGivenAndWhatIsExpected(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAnEmptyValue() {
        assertThatThrownBy(() -> Durations.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an empty value is not a duration; " + EXPECTED);
        assertThatThrownBy(() -> Durations.parse("", ChronoUnit.DAYS))
                .hasMessage("an empty value is not a duration; " + EXPECTED);
    }

    @Test
    void acceptsTheLargestRepresentableAmounts() {
        assertThat(Durations.parse("106751991167300d")).isEqualTo(Duration.ofDays(106751991167300L));
        assertThat(Durations.parse("9223372036854775807ms")).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(Durations.parse("9223372036854775807s")).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    }

    @Test
    void refusesADefaultUnitJamesHasNoNotationFor() {
        assertThatThrownBy(() -> Durations.parse("3", ChronoUnit.DECADES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("default unit Decades has no James notation; expected one of MILLIS, SECONDS");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "P14D      | 14d",
        "P7D       | 7d",
        "P30D      | 30d",
        "P365D     | 1y",
        "P730D     | 2y",
        "P366D     | 366d",
        "PT12H     | 12h",
        "PT36H     | 36h",
        "PT90M     | 90m",
        "PT1M30S   | 90s",
        "PT0.25S   | 250ms",
        "PT1.5S    | 1500ms",
        "PT0S      | 0s",
        "-P2D      | -2d",
        "PT0.0000015S | PT0.0000015S",
    })
    void rendersInTheLargestExactUnit(String iso, String expected) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"14d", "1y", "12h", "90m", "45s", "250ms", "0s", "366d", "106751991167300d"})
    void rendersWhatItParses(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @Test
    void rendersExtremeDurationsWithoutFailing() {
        assertThat(Durations.format(Duration.ofSeconds(Long.MAX_VALUE, 500_000_000))).isEqualTo("PT2562047788015215H30M7.5S");
        assertThat(Durations.format(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo("PT-2562047788015215H-30M-8S");
    }
}
