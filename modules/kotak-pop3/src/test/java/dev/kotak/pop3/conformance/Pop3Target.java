package dev.kotak.pop3.conformance;

import java.util.OptionalInt;

/**
 * A running server the conformance suite talks to: where its POP3 listeners are and how to give it users and mail.
 * Every listener named here runs Kotak's handlers with {@link ConformanceSettings#POP3_XML}, so the same
 * transcripts hold on each target (the in-process Kotak server, a stock memory-app James with our jar, the
 * distribution).
 */
public interface Pop3Target {
    /** Shown in failure messages. */
    String name();

    String host();

    /** A plain listener that offers STLS. */
    int stlsPort();

    /** A listener with TLS from the first byte, if the target has one. */
    OptionalInt implicitTlsPort();

    /** A listener with no TLS at all (no STLS), if the target has one. */
    OptionalInt noTlsPort();

    Mailboxes mailboxes();
}
