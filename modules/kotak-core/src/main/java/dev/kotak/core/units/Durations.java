package dev.kotak.core.units;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and renders durations in Apache James's notation: a non-negative whole number, an optional single
 * space, and a case-insensitive unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}, {@code w},
 * {@code month}, {@code y} and their long forms). A month is 30 days and a year 365 days, as in James.
 *
 * <p>Parsing is strict on purpose: values come from operators' XML, and a lenient parser that guessed
 * ({@code 1.5h}, {@code 30 d x}) would run a retention policy the operator did not write. Leading or trailing
 * blanks are rejected too, so that the parser accepts exactly what the XSD duration pattern accepts.
 */
public final class Durations {

    static final String UNIT_LIST = "ms, s, m, h, d, w, month, y";
    private static final String EXPECTED =
            "expected a whole number followed by a unit (" + UNIT_LIST + "), e.g. 30d, 12h, 90s";

    // Two groups: the digits, and the unit after at most one space. Anything else is not a duration.
    private static final Pattern SHAPE = Pattern.compile("([0-9]+)(?: ?([A-Za-z]+))?");
    // Recognised only to give a more precise message than "is not a duration".
    private static final Pattern NEGATIVE = Pattern.compile("-[0-9]+(?: ?[A-Za-z]+)?");
    private static final Pattern FRACTION = Pattern.compile("[0-9]*[.,][0-9]+(?: ?[A-Za-z]+)?");

    private static final Map<String, Unit> UNITS = unitsByName();

    private Durations() {
    }

    /**
     * Parses a duration that must carry its unit, e.g. {@code 30d} or {@code 90 s}.
     *
     * @throws IllegalArgumentException with an operator-readable message if {@code text} is not a duration
     */
    public static Duration parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses a duration; a bare number is read in {@code defaultUnit} (James reads retention-like values in
     * days and timeouts in seconds, so the caller says which).
     *
     * @param defaultUnit one of MILLIS, SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS, YEARS, or {@code null}
     *                    to require a unit
     * @throws IllegalArgumentException with an operator-readable message if {@code text} is not a duration
     */
    public static Duration parse(String text, ChronoUnit defaultUnit) {
        Objects.requireNonNull(text, "text");
        Unit fallback = defaultUnit == null ? null : Unit.of(defaultUnit);
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(describeMisfit(text));
        }
        Unit unit;
        if (matcher.group(2) == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(quote(text) + " has no unit; " + EXPECTED);
            }
            unit = fallback;
        } else {
            unit = UNITS.get(matcher.group(2).toLowerCase(Locale.ROOT));
            if (unit == null) {
                throw new IllegalArgumentException(quote(text) + " is not a duration; " + EXPECTED);
            }
        }
        return unit.times(matcher.group(1), text);
    }

    /**
     * Renders a duration in the largest of y, d, h, m, s, ms that represents it exactly, e.g. 14 days as
     * {@code 14d} and 90 minutes as {@code 90m}; weeks and months are never used because operators read
     * {@code 14d} faster than {@code 2w}. Negative durations get a leading minus (for messages only; they do
     * not parse back) and durations finer than a millisecond fall back to ISO-8601.
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        if (duration.isNegative()) {
            return duration.equals(Duration.ofSeconds(Long.MIN_VALUE))
                    ? duration.toString()
                    : "-" + format(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        for (Unit unit : Unit.FOR_DISPLAY) {
            String rendered = unit.renderExactly(duration);
            if (rendered != null) {
                return rendered;
            }
        }
        throw new AssertionError("milliseconds always divide a millisecond-precise duration");
    }

    private static String describeMisfit(String text) {
        if (text.isEmpty()) {
            return "an empty value is not a duration; " + EXPECTED;
        }
        if (NEGATIVE.matcher(text).matches()) {
            return quote(text) + " is negative; expected zero or more, e.g. 30d, 12h, 90s";
        }
        if (FRACTION.matcher(text).matches()) {
            return quote(text) + " is not a whole number; " + EXPECTED;
        }
        return quote(text) + " is not a duration; " + EXPECTED;
    }

    static String quote(String text) {
        return "'" + text + "'";
    }

    private static Map<String, Unit> unitsByName() {
        Map<String, Unit> names = new LinkedHashMap<>();
        for (Unit unit : Unit.values()) {
            for (String name : unit.names) {
                names.put(name, unit);
            }
        }
        return Collections.unmodifiableMap(names);
    }

    /** The units James understands; seconds-based units are computed in seconds so that years do not overflow. */
    private enum Unit {
        MILLIS("ms", 0, ChronoUnit.MILLIS, "ms", "msec", "msecs"),
        SECONDS("s", 1, ChronoUnit.SECONDS, "s", "sec", "secs", "second", "seconds"),
        MINUTES("m", 60, ChronoUnit.MINUTES, "m", "min", "mins", "minute", "minutes"),
        HOURS("h", 3_600, ChronoUnit.HOURS, "h", "hour", "hours"),
        DAYS("d", 86_400, ChronoUnit.DAYS, "d", "day", "days"),
        WEEKS("w", 7 * 86_400, ChronoUnit.WEEKS, "w", "week", "weeks"),
        MONTHS("month", 30 * 86_400, ChronoUnit.MONTHS, "month", "months"),
        YEARS("y", 365 * 86_400, ChronoUnit.YEARS, "y", "year", "years");

        static final List<Unit> FOR_DISPLAY = List.of(YEARS, DAYS, HOURS, MINUTES, SECONDS, MILLIS);

        final String symbol;
        /** Length in seconds; 0 marks milliseconds, the only unit below a second. */
        final long seconds;
        final ChronoUnit chronoUnit;
        final List<String> names;

        Unit(String symbol, long seconds, ChronoUnit chronoUnit, String... names) {
            this.symbol = symbol;
            this.seconds = seconds;
            this.chronoUnit = chronoUnit;
            this.names = List.of(names);
        }

        static Unit of(ChronoUnit chronoUnit) {
            for (Unit unit : values()) {
                if (unit.chronoUnit == chronoUnit) {
                    return unit;
                }
            }
            List<String> accepted = new ArrayList<>();
            for (Unit unit : values()) {
                accepted.add(unit.chronoUnit.name());
            }
            throw new IllegalArgumentException("default unit " + chronoUnit + " has no James notation; expected one of "
                    + String.join(", ", accepted));
        }

        Duration times(String digits, String text) {
            long limit = seconds == 0 ? Long.MAX_VALUE : Long.MAX_VALUE / seconds;
            long amount;
            try {
                amount = Long.parseLong(digits);
            } catch (NumberFormatException tooManyDigits) {
                amount = -1;
            }
            if (amount < 0 || amount > limit) {
                throw new IllegalArgumentException(quote(text) + " is too large; expected at most " + limit + symbol);
            }
            return seconds == 0 ? Duration.ofMillis(amount) : Duration.ofSeconds(amount * seconds);
        }

        String renderExactly(Duration duration) {
            if (seconds == 0) {
                try {
                    return duration.toMillis() + symbol;
                } catch (ArithmeticException beyondLongMillis) {
                    return duration.toString();
                }
            }
            if (duration.getNano() != 0 || duration.getSeconds() % seconds != 0) {
                return null;
            }
            return duration.getSeconds() / seconds + symbol;
        }
    }
}
