package dev.kotak.pop3.conformance;

import java.time.Duration;

/**
 * The {@code conf/pop3.xml} every conformance target runs with: the distribution's settings (UIDL with
 * UIDVALIDITY, plaintext credentials only over TLS with no loopback exemption, session lock), with damping delays
 * shortened so the suite runs in seconds. The failure and bad-command limits are the defaults.
 */
public final class ConformanceSettings {
    public static final Duration AUTH_FAILURE_DELAY = Duration.ofMillis(300);
    public static final Duration AUTH_FAILURE_MAX_DELAY = Duration.ofMillis(600);
    public static final int DISCONNECT_AFTER_AUTH_FAILURES = 3;
    public static final int BAD_COMMANDS_BEFORE_LOGIN = 3;
    public static final int BAD_COMMANDS_AFTER_LOGIN = 20;

    public static final String POP3_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Written by the Kotak POP3 conformance suite. -->\n"
        + "<pop3>\n"
        + "    <uidl format=\"uid-uidvalidity\"/>\n"
        + "    <plaintextAuth requireTls=\"true\" exemptLoopback=\"false\"/>\n"
        + "    <sessionLock enabled=\"true\"/>\n"
        + "    <authFailures delay=\"" + AUTH_FAILURE_DELAY.toMillis() + "ms\" maxDelay=\""
        + AUTH_FAILURE_MAX_DELAY.toMillis() + "ms\" disconnectAfter=\"" + DISCONNECT_AFTER_AUTH_FAILURES + "\"/>\n"
        + "    <badCommands beforeLogin=\"" + BAD_COMMANDS_BEFORE_LOGIN + "\" afterLogin=\"" + BAD_COMMANDS_AFTER_LOGIN
        + "\"/>\n"
        + "</pop3>\n";

    private ConformanceSettings() {
    }
}
