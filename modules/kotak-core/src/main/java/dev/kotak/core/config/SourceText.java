package dev.kotak.core.config;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoded text of a configuration file, with conversions between character offsets and the 1-based
 * line/column pairs the XML parser reports.
 *
 * <p>The parser reports where it <em>stopped</em> (after the {@code >} of a start tag, after a bad byte...),
 * while operators need where the offending construct <em>starts</em>. Moving back from one to the other needs
 * the text itself, counted the way the parser counts: line breaks are LF, CR LF or a lone CR, and every
 * other UTF-16 char, tabs included, is one column.
 */
final class SourceText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String text;
    private final int[] lineStarts;

    private SourceText(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    /** Decodes with the encoding the parser detected; unknown names fall back to UTF-8, bad bytes to U+FFFD. */
    static SourceText decode(byte[] bytes, String encodingName) {
        String decoded = new String(bytes, charsetOrUtf8(encodingName));
        if (!decoded.isEmpty() && decoded.charAt(0) == BYTE_ORDER_MARK) {
            decoded = decoded.substring(1);
        }
        return new SourceText(decoded);
    }

    static SourceText of(String text) {
        return new SourceText(text);
    }

    int length() {
        return text.length();
    }

    char charAt(int offset) {
        return text.charAt(offset);
    }

    String substring(int from, int to) {
        return text.substring(Math.max(0, from), Math.min(text.length(), to));
    }

    /** The offset of a 1-based line/column, clamped into the text so that a stale position never throws. */
    int offsetOf(int line, int column) {
        if (line < 1) {
            return 0;
        }
        if (line > lineStarts.length) {
            return text.length();
        }
        int offset = lineStarts[line - 1] + Math.max(column, 1) - 1;
        return Math.min(offset, text.length());
    }

    int lineOf(int offset) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= offset) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low + 1;
    }

    int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** The last offset at or before {@code from} holding {@code wanted}, or -1. */
    int lastIndexOf(char wanted, int from) {
        return text.lastIndexOf(wanted, Math.min(from, text.length() - 1));
    }

    int lastIndexOf(String wanted, int from) {
        return text.lastIndexOf(wanted, from);
    }

    int indexOf(String wanted, int from) {
        return text.indexOf(wanted, from);
    }

    /** The first offset at or after {@code from} that is not XML white space (or the text's length). */
    int skipWhitespace(int from) {
        int offset = Math.max(from, 0);
        while (offset < text.length() && isXmlWhitespace(text.charAt(offset))) {
            offset++;
        }
        return offset;
    }

    static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
                starts.add(i + 1);
            } else if (c == '\r' || c == '\n') {
                starts.add(i + 1);
            }
        }
        int[] result = new int[starts.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = starts.get(i);
        }
        return result;
    }

    private static Charset charsetOrUtf8(String encodingName) {
        if (encodingName == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encodingName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
