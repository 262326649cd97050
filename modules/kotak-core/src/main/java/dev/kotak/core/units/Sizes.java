package dev.kotak.core.units;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and renders sizes in Apache James's notation: a non-negative whole number of bytes, or a number
 * followed by {@code K}, {@code M} or {@code G} (also {@code KB}, {@code MB}, {@code GB}, any case, at most one
 * space before the unit), all powers of 1024 as James and mail quotas use them.
 *
 * <p>As with {@link Durations}, parsing is strict so that what an operator wrote is exactly what runs.
 */
public final class Sizes {

    private static final String EXPECTED =
            "expected a whole number of bytes, optionally followed by K, M or G (powers of 1024), e.g. 512K, 100M, 2G";

    private static final Pattern SHAPE = Pattern.compile("([0-9]+)(?: ?([A-Za-z]+))?");
    private static final Pattern NEGATIVE = Pattern.compile("-[0-9]+(?: ?[A-Za-z]+)?");
    private static final Pattern FRACTION = Pattern.compile("[0-9]*[.,][0-9]+(?: ?[A-Za-z]+)?");

    private static final long KIB = 1024L;
    private static final long MIB = KIB * 1024L;
    private static final long GIB = MIB * 1024L;

    private Sizes() {
    }

    /**
     * Parses a size into bytes.
     *
     * @throws IllegalArgumentException with an operator-readable message if {@code text} is not a size
     */
    public static long parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(describeMisfit(text));
        }
        String unit = matcher.group(2) == null ? "" : matcher.group(2).toUpperCase(Locale.ROOT);
        long factor;
        String symbol;
        switch (unit) {
            case "":
                factor = 1;
                symbol = "";
                break;
            case "K":
            case "KB":
                factor = KIB;
                symbol = "K";
                break;
            case "M":
            case "MB":
                factor = MIB;
                symbol = "M";
                break;
            case "G":
            case "GB":
                factor = GIB;
                symbol = "G";
                break;
            default:
                throw new IllegalArgumentException(Durations.quote(text) + " is not a size; " + EXPECTED);
        }
        long limit = Long.MAX_VALUE / factor;
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException tooManyDigits) {
            amount = -1;
        }
        if (amount < 0 || amount > limit) {
            throw new IllegalArgumentException(
                    Durations.quote(text) + " is too large; expected at most " + limit + symbol);
        }
        return amount * factor;
    }

    /**
     * Renders a byte count in the largest of G, M, K that represents it exactly, else as bare bytes:
     * 104857600 becomes {@code 100M}, 1536 stays {@code 1536}.
     */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "G";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "M";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "K";
        }
        return Long.toString(bytes);
    }

    private static String describeMisfit(String text) {
        if (text.isEmpty()) {
            return "an empty value is not a size; " + EXPECTED;
        }
        if (NEGATIVE.matcher(text).matches()) {
            return Durations.quote(text) + " is negative; expected zero or more, e.g. 512K, 100M, 2G";
        }
        if (FRACTION.matcher(text).matches()) {
            return Durations.quote(text) + " is not a whole number; " + EXPECTED;
        }
        return Durations.quote(text) + " is not a size; " + EXPECTED;
    }
}
