package dev.kotak.core.config;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catches a file whose bytes contradict its XML declaration before the parser does: the parser's own
 * reaction ("Content is not allowed in prolog" at a random column, or an exception naming only the encoding)
 * gives an operator no hint that the editor saved the file in another encoding than it declares.
 */
final class EncodingCheck {

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml\\s[^>]*?\\b(encoding)\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final int HEAD_BYTES = 512;

    private enum ByteOrderMark { NONE, UTF_8, UTF_16BE, UTF_16LE }

    private EncodingCheck() {
    }

    /** A problem if the declared encoding is unknown or contradicts the bytes; null otherwise. */
    static ConfigProblem check(byte[] bytes, String fileName) {
        ByteOrderMark bom = byteOrderMark(bytes);
        String head = head(bytes, bom);
        Matcher m = DECLARED.matcher(head);
        if (!m.find()) {
            return null;
        }
        String declared = m.group(2);
        SourceText headText = SourceText.of(head);
        ConfigLocation where = ConfigLocation.at(fileName, headText.lineOf(m.start(1)), headText.columnOf(m.start(1)));
        if (!isSupported(declared)) {
            return where.problem("encoding " + MessageText.quote(declared)
                    + " is not supported; expected UTF-8, or another standard encoding such as ISO-8859-1");
        }
        boolean declaresUtf16 = declared.toUpperCase(Locale.ROOT).startsWith("UTF-16");
        boolean savedAsUtf16 = bom == ByteOrderMark.UTF_16BE || bom == ByteOrderMark.UTF_16LE || looksLikeUtf16(bytes);
        if (savedAsUtf16 && !declaresUtf16) {
            return where.problem("the file is saved as UTF-16 but declares encoding=\"" + declared
                    + "\"; expected encoding=\"UTF-16\", or the file saved as " + declared);
        }
        if (!savedAsUtf16 && declaresUtf16) {
            return where.problem("the file is not saved as UTF-16 but declares encoding=\"" + declared
                    + "\"; expected encoding=\"UTF-8\" (or whatever encoding the file is saved in)");
        }
        return null;
    }

    private static ByteOrderMark byteOrderMark(byte[] bytes) {
        if (bytes.length >= 3 && u(bytes[0]) == 0xEF && u(bytes[1]) == 0xBB && u(bytes[2]) == 0xBF) {
            return ByteOrderMark.UTF_8;
        }
        if (bytes.length >= 2 && u(bytes[0]) == 0xFE && u(bytes[1]) == 0xFF) {
            return ByteOrderMark.UTF_16BE;
        }
        if (bytes.length >= 2 && u(bytes[0]) == 0xFF && u(bytes[1]) == 0xFE) {
            return ByteOrderMark.UTF_16LE;
        }
        return ByteOrderMark.NONE;
    }

    /** "<?" in UTF-16 without a byte order mark: one of each pair of bytes is zero. */
    private static boolean looksLikeUtf16(byte[] bytes) {
        return bytes.length >= 4 && ((bytes[0] == '<' && bytes[1] == 0 && bytes[2] == '?' && bytes[3] == 0)
                || (bytes[0] == 0 && bytes[1] == '<' && bytes[2] == 0 && bytes[3] == '?'));
    }

    private static String head(byte[] bytes, ByteOrderMark bom) {
        int length = Math.min(bytes.length, HEAD_BYTES);
        switch (bom) {
            case UTF_8:
                return new String(bytes, 3, length - 3, StandardCharsets.UTF_8);
            case UTF_16BE:
                return new String(bytes, 2, length - 2, StandardCharsets.UTF_16BE);
            case UTF_16LE:
                return new String(bytes, 2, length - 2, StandardCharsets.UTF_16LE);
            default:
                if (bytes.length >= 2 && bytes[0] == '<' && bytes[1] == 0) {
                    return new String(bytes, 0, length, StandardCharsets.UTF_16LE);
                }
                if (bytes.length >= 2 && bytes[0] == 0 && bytes[1] == '<') {
                    return new String(bytes, 0, length, StandardCharsets.UTF_16BE);
                }
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isSupported(String encoding) {
        try {
            return Charset.isSupported(encoding);
        } catch (IllegalCharsetNameException illegal) {
            return false;
        }
    }

    private static int u(byte b) {
        return b & 0xFF;
    }
}
