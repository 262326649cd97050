package dev.kotak.core.retention;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a DELE does to the server's copy when the session commits. */
public enum DeleteAction {
    /** RFC 1939: the message is expunged (default). */
    EXPUNGE,
    /** Dovecot's pop3_deleted_flag: gone from every POP3 view, kept on the server, restorable, purged later. */
    HIDE,
    /** Gone from the deleting device's view only; other devices and IMAP still see it. */
    HIDE_FROM_DEVICE,
    /** Moved out of INBOX into a folder (Zimbra's trash option, Outlook.com's POP folder). */
    MOVE;

    /** The name used in retention.xml: {@code expunge}, {@code hide}, {@code hide-from-device}, {@code move}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<DeleteAction> fromConfigName(String name) {
        return Arrays.stream(values()).filter(value -> value.configName().equals(name)).findFirst();
    }
}
