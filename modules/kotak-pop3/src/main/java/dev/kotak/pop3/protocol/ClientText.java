package dev.kotak.pop3.protocol;

/**
 * Makes client-supplied text safe to echo in a reply or a log line: printable US-ASCII only (anything else
 * becomes {@code ?}, so a client cannot inject a CR/LF or a NUL into our output) and at most
 * {@value #MAX_LENGTH} characters.
 */
public final class ClientText {
    public static final int MAX_LENGTH = 40;

    private ClientText() {
    }

    public static String sanitize(String text) {
        if (text == null) {
            return "";
        }
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder safe = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            safe.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        if (text.length() > MAX_LENGTH) {
            safe.append("...");
        }
        return safe.toString();
    }
}
