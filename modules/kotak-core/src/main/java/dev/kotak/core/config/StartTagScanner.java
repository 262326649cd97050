package dev.kotak.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where each attribute's name starts inside a start tag, so that problems about an attribute point at
 * the attribute rather than at its element.
 *
 * <p>Scanning a start tag is safe with a tiny tokenizer because XML forbids {@code <} inside a tag, and names
 * never contain quotes: the only thing to skip carefully is a quoted value, which may contain {@code >}. The
 * scanner gives up quietly (returning what it found so far) on a malformed tag.
 */
final class StartTagScanner {

    /** An attribute name and the offset of its first character. */
    static final class AttributeToken {
        final String name;
        final int offset;

        AttributeToken(String name, int offset) {
            this.name = name;
            this.offset = offset;
        }
    }

    private StartTagScanner() {
    }

    /** The attributes of the start tag whose {@code <} is at {@code tagStart}, in source order, duplicates kept. */
    static List<AttributeToken> attributes(SourceText source, int tagStart) {
        List<AttributeToken> found = new ArrayList<>();
        int end = source.length();
        int i = tagStart + 1;
        while (i < end && !isNameEnd(source.charAt(i))) {
            i++;
        }
        while (true) {
            i = source.skipWhitespace(i);
            if (i >= end || source.charAt(i) == '/' || source.charAt(i) == '>' || source.charAt(i) == '<') {
                return found;
            }
            int nameStart = i;
            while (i < end && !isNameEnd(source.charAt(i)) && source.charAt(i) != '=') {
                i++;
            }
            String name = source.substring(nameStart, i);
            i = source.skipWhitespace(i);
            if (name.isEmpty() || i >= end || source.charAt(i) != '=') {
                return found;
            }
            found.add(new AttributeToken(name, nameStart));
            i = source.skipWhitespace(i + 1);
            if (i >= end || (source.charAt(i) != '"' && source.charAt(i) != '\'')) {
                return found;
            }
            char quote = source.charAt(i);
            i++;
            while (i < end && source.charAt(i) != quote) {
                if (source.charAt(i) == '<') {
                    return found;
                }
                i++;
            }
            i++;
        }
    }

    private static boolean isNameEnd(char c) {
        return SourceText.isXmlWhitespace(c) || c == '/' || c == '>' || c == '<';
    }
}
