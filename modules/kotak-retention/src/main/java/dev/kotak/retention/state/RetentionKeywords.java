package dev.kotak.retention.state;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import dev.kotak.core.retention.MessageState;

/**
 * Kotak's per-message retention state, kept as IMAP keywords on the message itself (DESIGN principle 3): they
 * work on every James backend, travel with a copy or move, and need no other store.
 * <ul>
 *   <li>{@code $KotakRetrieved.<epoch-seconds>}: first retrieval by any POP3 session;</li>
 *   <li>{@code $KotakRetrievedBy.<device>}: that device retrieved it;</li>
 *   <li>{@code $KotakHidden.<epoch-seconds>}: a DELE hid it from every POP3 view;</li>
 *   <li>{@code $KotakHiddenFrom.<device>}: a DELE hid it from that device only.</li>
 * </ul>
 * Keywords only ever get added by POP3 commits, so two sessions committing at once cannot lose each other's
 * marks; if two first-retrieval keywords end up on one message, the earliest counts. IMAP clients show them as
 * unknown keywords at most (the {@code $} prefix marks them as not typed by a person); nothing here sets or
 * clears \Deleted, so IMAP's own expunge semantics are untouched.
 */
public final class RetentionKeywords {
    public static final String RETRIEVED = "$KotakRetrieved.";
    public static final String RETRIEVED_BY = "$KotakRetrievedBy.";
    public static final String HIDDEN = "$KotakHidden.";
    public static final String HIDDEN_FROM = "$KotakHiddenFrom.";

    private RetentionKeywords() {
    }

    /** The state the keywords of a message describe; {@code arrival} is its internal date. */
    public static MessageState read(Flags flags, Instant arrival) {
        Instant firstRetrieved = null;
        Instant hiddenSince = null;
        Set<String> retrievedBy = new HashSet<>();
        Set<String> hiddenFrom = new HashSet<>();
        for (String keyword : flags.getUserFlags()) {
            if (startsWith(keyword, RETRIEVED_BY)) {
                retrievedBy.add(rest(keyword, RETRIEVED_BY));
            } else if (startsWith(keyword, RETRIEVED)) {
                firstRetrieved = earliest(firstRetrieved, instant(keyword.substring(RETRIEVED.length())));
            } else if (startsWith(keyword, HIDDEN_FROM)) {
                hiddenFrom.add(rest(keyword, HIDDEN_FROM));
            } else if (startsWith(keyword, HIDDEN)) {
                hiddenSince = earliest(hiddenSince, instant(keyword.substring(HIDDEN.length())));
            }
        }
        return new MessageState(arrival, Optional.ofNullable(firstRetrieved), retrievedBy,
            Optional.ofNullable(hiddenSince), hiddenFrom);
    }

    /**
     * What {@code read(flags, arrival).visibleTo(device)} answers, for a message with these keywords, reading only
     * the hide keywords: a POP3 login asks it of every message of INBOX, most of which carry a retrieval date it
     * does not need.
     */
    public static boolean visibleTo(String[] keywords, Optional<String> device) {
        for (String keyword : keywords) {
            if (startsWith(keyword, HIDDEN_FROM)) {
                if (device.isPresent() && rest(keyword, HIDDEN_FROM).equals(device.get())) {
                    return false;
                }
            } else if (startsWith(keyword, HIDDEN) && instant(keyword.substring(HIDDEN.length())) != null) {
                return false;
            }
        }
        return true;
    }

    /** Keywords recording a retrieval at {@code at} by {@code device} (the first-retrieval one only if absent). */
    public static Flags retrieval(MessageState current, Instant at, Optional<String> device) {
        Flags flags = new Flags();
        if (current.firstRetrieved().isEmpty()) {
            flags.add(RETRIEVED + at.getEpochSecond());
        }
        device.filter(name -> !current.retrievedBy().contains(name))
            .ifPresent(name -> flags.add(RETRIEVED_BY + name));
        return flags;
    }

    public static Flags hide(Instant at) {
        return new Flags(HIDDEN + at.getEpochSecond());
    }

    public static Flags hideFrom(String device) {
        return new Flags(HIDDEN_FROM + device);
    }

    /** Every hide keyword among {@code flags}, or only those of {@code device}: what a restore removes. */
    public static Flags hideKeywords(Flags flags, Optional<String> device) {
        Flags hides = new Flags();
        for (String keyword : flags.getUserFlags()) {
            boolean fromDevice = startsWith(keyword, HIDDEN_FROM);
            boolean fromAll = !fromDevice && startsWith(keyword, HIDDEN);
            if (device.isEmpty() && (fromAll || fromDevice)
                || device.isPresent() && fromDevice && rest(keyword, HIDDEN_FROM).equals(device.get())) {
                hides.add(keyword);
            }
        }
        return hides;
    }

    /** IMAP keywords are case-insensitive (RFC 3501 §2.3.2), and so are ours. */
    private static boolean startsWith(String keyword, String prefix) {
        return keyword.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** What follows the prefix: a device name, compared in lower case as devices are normalized. */
    private static String rest(String keyword, String prefix) {
        return keyword.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }

    private static Instant instant(String epochSeconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(epochSeconds));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            // Someone typed a look-alike keyword by hand: it is not ours, so it records nothing.
            return null;
        }
    }

    private static Instant earliest(Instant current, Instant candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
