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
            String lower = keyword.toLowerCase(Locale.ROOT);
            if (lower.startsWith(RETRIEVED_BY.toLowerCase(Locale.ROOT))) {
                retrievedBy.add(lower.substring(RETRIEVED_BY.length()));
            } else if (lower.startsWith(RETRIEVED.toLowerCase(Locale.ROOT))) {
                firstRetrieved = earliest(firstRetrieved, instant(lower.substring(RETRIEVED.length())));
            } else if (lower.startsWith(HIDDEN_FROM.toLowerCase(Locale.ROOT))) {
                hiddenFrom.add(lower.substring(HIDDEN_FROM.length()));
            } else if (lower.startsWith(HIDDEN.toLowerCase(Locale.ROOT))) {
                hiddenSince = earliest(hiddenSince, instant(lower.substring(HIDDEN.length())));
            }
        }
        return new MessageState(arrival, Optional.ofNullable(firstRetrieved), retrievedBy,
            Optional.ofNullable(hiddenSince), hiddenFrom);
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
            String lower = keyword.toLowerCase(Locale.ROOT);
            boolean fromDevice = lower.startsWith(HIDDEN_FROM.toLowerCase(Locale.ROOT));
            boolean fromAll = !fromDevice && lower.startsWith(HIDDEN.toLowerCase(Locale.ROOT));
            if (device.isEmpty() && (fromAll || fromDevice)
                || device.isPresent() && fromDevice && lower.substring(HIDDEN_FROM.length()).equals(device.get())) {
                hides.add(keyword);
            }
        }
        return hides;
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
