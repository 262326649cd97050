package dev.kotak.core.retention;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a retrieval does to the server's copy when the session commits (Gmail's "when accessed with POP"). */
public enum RetrieveAction {
    /** Nothing but the retrieval mark (default). */
    KEEP,
    /** Sets \Seen, so webmail and IMAP show the message read. */
    SEEN,
    /** Moves the message out of INBOX into a folder (copy, then delete). */
    MOVE,
    /** Expunges the message (privacy: no copy left once downloaded). */
    DELETE;

    /** The name used in retention.xml. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RetrieveAction> fromConfigName(String name) {
        return Arrays.stream(values()).filter(value -> value.configName().equals(name)).findFirst();
    }
}
