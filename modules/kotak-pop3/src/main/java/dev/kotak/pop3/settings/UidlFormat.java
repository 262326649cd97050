package dev.kotak.pop3.settings;

/**
 * How a message's unique-id (RFC 1939 UIDL) is built from James's IMAP UID and the mailbox's UIDVALIDITY.
 *
 * <p>{@link #UID} is what stock James sends: it repeats when INBOX is deleted and re-created, and a
 * leave-on-server client then skips new mail whose UIDL it already knows. {@link #UID_UIDVALIDITY} is
 * Dovecot's {@code %08Xu%08Xv}, which changes with the mailbox; switching an existing server to it makes
 * every client download everything once more (docs/pop3.md, "UIDL").
 */
public enum UidlFormat {
    UID("uid"),
    UID_UIDVALIDITY("uid-uidvalidity");

    private final String configName;

    UidlFormat(String configName) {
        this.configName = configName;
    }

    /** The value of {@code <uidl format="...">} naming this format. */
    public String configName() {
        return configName;
    }

    static UidlFormat fromConfigName(String name) {
        for (UidlFormat format : values()) {
            if (format.configName.equals(name)) {
                return format;
            }
        }
        // The XSD enumerates the names, so this is a mismatch between schema and code.
        throw new IllegalStateException("uidl format '" + name + "' is allowed by pop3.xsd but unknown to the code");
    }

    /** The unique-id of a message; {@code uid} and {@code uidValidity} are unsigned 32-bit in IMAP. */
    public String format(long uid, long uidValidity) {
        if (this == UID) {
            return Long.toString(uid);
        }
        return hex8(uid) + hex8(uidValidity);
    }

    private static String hex8(long value) {
        String hex = Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        if (hex.length() >= 8) {
            return hex;
        }
        return "00000000".substring(hex.length()) + hex;
    }
}
