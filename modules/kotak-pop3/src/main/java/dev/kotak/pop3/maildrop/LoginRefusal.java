package dev.kotak.pop3.maildrop;

import java.util.Objects;

/**
 * Why a {@link MaildropPolicy} refuses a login whose password was right ({@link MaildropPolicy#admit}). The client
 * reads {@code -ERR [CODE] text}: the response code tells a program what to do (RFC 2449 section 8), the text tells
 * the person. The codes are the registered ones that make sense at login, so that a typo cannot produce a code no
 * client knows.
 */
public final class LoginRefusal {
    /** Longest text: the whole reply line must stay within RFC 2449's 512 octets. */
    static final int MAX_TEXT_LENGTH = 400;

    /** RFC 2449 and RFC 3206 response codes a login may be refused with. */
    public enum Code {
        /** RFC 2449 section 8.1.1: logged in too recently; the client should wait (CAPA {@code LOGIN-DELAY}). */
        LOGIN_DELAY("LOGIN-DELAY"),
        /** RFC 2449 section 8.1.2: the maildrop is in use; the client may retry later. */
        IN_USE("IN-USE"),
        /** RFC 3206 section 5: a problem with the credentials (e.g. a device the user may not use). */
        AUTH("AUTH"),
        /** RFC 3206 section 4: a temporary server problem; retrying later should work. */
        SYS_TEMP("SYS/TEMP"),
        /** RFC 3206 section 4: a permanent problem; the user should contact the administrator. */
        SYS_PERM("SYS/PERM");

        private final String text;

        Code(String text) {
            this.text = text;
        }

        /** The code as written between brackets. */
        public String text() {
            return text;
        }
    }

    private final Code code;
    private final String text;

    private LoginRefusal(Code code, String text) {
        this.code = code;
        this.text = text;
    }

    /**
     * @param text for the person at the client: printable US-ASCII (a reply line is no place for anything else),
     *             not blank, at most {@value #MAX_TEXT_LENGTH} characters
     * @throws IllegalArgumentException if the text is not that
     */
    public static LoginRefusal of(Code code, String text) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || text.length() > MAX_TEXT_LENGTH || !text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new IllegalArgumentException("A login refusal text must be 1 to " + MAX_TEXT_LENGTH
                + " printable US-ASCII characters: '" + text + "'");
        }
        return new LoginRefusal(code, text);
    }

    public Code code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The reply after {@code -ERR }: {@code [LOGIN-DELAY] Logins must be at least 15 minutes apart}. */
    public String replyText() {
        return "[" + code.text() + "] " + text;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoginRefusal)) {
            return false;
        }
        LoginRefusal that = (LoginRefusal) o;
        return code == that.code && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, text);
    }

    @Override
    public String toString() {
        return replyText();
    }
}
