package dev.kotak.server.testing;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flags for the i-th message a test appends, which tell the messages apart after any renumbering: its own
 * keyword {@code $Kw<i>}, a shared {@code $Common}, {@code \Seen} on every third and {@code \Flagged} on every fourth.
 */
public final class NumberedFlags {
    private NumberedFlags() {
    }

    public static Set<String> of(int i) {
        Set<String> flags = new TreeSet<>(List.of("$Kw" + i, "$Common"));
        if (i % 3 == 0) {
            flags.add("\\Seen");
        }
        if (i % 4 == 0) {
            flags.add("\\Flagged");
        }
        return flags;
    }

    /** The i of a message, from its {@code $Kw<i>} keyword. */
    public static int numberIn(Set<String> flags) {
        return flags.stream().filter(flag -> flag.startsWith("$Kw")).mapToInt(flag -> Integer.parseInt(flag.substring(3)))
            .findFirst().orElseThrow(() -> new AssertionError("no $Kw keyword in " + flags));
    }
}
