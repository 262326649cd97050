package dev.kotak.retention.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;

/**
 * Flags and keywords a committed POP3 session still has to add to INBOX messages, as one entry of the
 * {@link MarksJournal}. Its text form is what the journal stores in an annotation:
 * <pre>
 * kotak-marks 1
 * \Seen $KotakRetrieved.1764000000&lt;TAB&gt;1-520,530
 * $KotakRetrieved.1764000000&lt;TAB&gt;600
 * </pre>
 * one line per set of flags (system flags by their IMAP names), with the UID ranges that get it.
 */
public final class PendingMarks {
    static final String HEADER = "kotak-marks 1";
    private static final Map<String, Flags.Flag> SYSTEM_FLAGS = Map.of(
        "\\answered", Flags.Flag.ANSWERED, "\\deleted", Flags.Flag.DELETED, "\\draft", Flags.Flag.DRAFT,
        "\\flagged", Flags.Flag.FLAGGED, "\\recent", Flags.Flag.RECENT, "\\seen", Flags.Flag.SEEN);

    private final Map<Flags, List<MessageRange>> marks;

    private PendingMarks(Map<Flags, List<MessageRange>> marks) {
        this.marks = Collections.unmodifiableMap(marks);
    }

    /** The marks to add: for each set of flags, the messages that get it (in any order; empty sets are left out). */
    public static PendingMarks of(Map<Flags, List<MessageUid>> byFlags) {
        Map<Flags, List<MessageRange>> marks = new LinkedHashMap<>();
        byFlags.forEach((flags, uids) -> {
            if (!uids.isEmpty() && (flags.getSystemFlags().length > 0 || flags.getUserFlags().length > 0)) {
                marks.put(new Flags(flags), MessageRange.toRanges(new ArrayList<>(uids)));
            }
        });
        return new PendingMarks(marks);
    }

    /** Each set of flags and the UID ranges of the messages that get it. */
    public Map<Flags, List<MessageRange>> marks() {
        return marks;
    }

    public boolean isEmpty() {
        return marks.isEmpty();
    }

    public String encode() {
        StringBuilder text = new StringBuilder(HEADER);
        marks.forEach((flags, ranges) -> {
            text.append('\n');
            List<String> names = new ArrayList<>();
            SYSTEM_FLAGS.forEach((name, flag) -> {
                if (flags.contains(flag)) {
                    names.add("\\" + Character.toUpperCase(name.charAt(1)) + name.substring(2));
                }
            });
            Collections.sort(names);
            Collections.addAll(names, flags.getUserFlags());
            text.append(String.join(" ", names)).append('\t');
            for (int i = 0; i < ranges.size(); i++) {
                MessageRange range = ranges.get(i);
                text.append(i == 0 ? "" : ",").append(range.getUidFrom().asLong());
                if (!range.getUidTo().equals(range.getUidFrom())) {
                    text.append('-').append(range.getUidTo().asLong());
                }
            }
        });
        return text.toString();
    }

    /** @throws IllegalArgumentException naming what is wrong, if {@code text} is not what {@link #encode()} writes */
    public static PendingMarks decode(String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("expected the first line '" + HEADER + "', found '" + lines[0] + "'");
        }
        Map<Flags, List<MessageRange>> marks = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] parts = lines[i].split("\t", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected flags, a tab and UID ranges");
            }
            marks.merge(flags(parts[0], i + 1), ranges(parts[1], i + 1), (a, b) -> {
                List<MessageRange> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            });
        }
        return new PendingMarks(marks);
    }

    private static Flags flags(String names, int line) {
        Flags flags = new Flags();
        for (String name : names.split(" ")) {
            if (name.startsWith("\\")) {
                Flags.Flag flag = SYSTEM_FLAGS.get(name.toLowerCase(java.util.Locale.ROOT));
                if (flag == null) {
                    throw new IllegalArgumentException("line " + line + ": unknown system flag " + name);
                }
                flags.add(flag);
            } else if (!name.isEmpty()) {
                flags.add(name);
            }
        }
        return flags;
    }

    private static List<MessageRange> ranges(String text, int line) {
        List<MessageRange> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                int dash = part.indexOf('-');
                MessageUid from = MessageUid.of(Long.parseLong(dash < 0 ? part : part.substring(0, dash)));
                MessageUid to = dash < 0 ? from : MessageUid.of(Long.parseLong(part.substring(dash + 1)));
                if (from.asLong() < 1 || to.compareTo(from) < 0) {
                    throw new NumberFormatException();
                }
                ranges.add(from.equals(to) ? MessageRange.one(from) : MessageRange.range(from, to));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + line + ": expected a UID or UID range, found '" + part
                    + "'");
            }
        }
        return ranges;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PendingMarks && ((PendingMarks) other).marks.equals(marks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(marks);
    }

    @Override
    public String toString() {
        return encode();
    }
}
