package dev.kotak.pop3.conformance;

/**
 * The exact reply lines of Kotak's POP3 handlers, copied from the contract in docs/pop3.md ("Replies"), not from
 * the code: a transcript fails when the handlers and the documentation disagree.
 */
final class Replies {
    static final String GREETING = "+OK Kotak POP3 server ready.";

    static final String CAPA = "+OK Capability list follows";
    static final String OK = "+OK";
    static final String STLS_OK = "+OK Begin TLS negotiation.";
    static final String STLS_UNAVAILABLE = "-ERR TLS support isn't enabled.";
    static final String STLS_ALREADY_ACTIVE = "-ERR TLS is already active.";
    static final String APOP = "-ERR APOP not enabled.";
    static final String EMPTY_COMMAND = "-ERR Empty command.";
    static final String PLAINTEXT_REFUSED_USE_STLS =
        "-ERR [AUTH] Plaintext authentication disallowed on non-secure connections; use STLS first.";
    static final String PLAINTEXT_REFUSED =
        "-ERR [AUTH] Plaintext authentication disallowed on non-secure connections.";
    static final String USER_OK = "+OK";
    static final String USER_USAGE = "-ERR Usage: USER name";
    static final String PASS_USAGE = "-ERR Usage: PASS password";
    static final String LOGGED_IN = "+OK Logged in.";
    static final String AUTH_FAILED = "-ERR [AUTH] Authentication failed.";
    static final String AUTH_FAILED_CLOSING =
        "-ERR [AUTH] Authentication failed; too many failures, closing the connection.";
    static final String TOO_MANY_BAD_COMMANDS = "-ERR Too many bad commands; closing the connection.";
    static final String PASS_WITHOUT_USER = "-ERR No user name given; send USER first.";
    static final String NOT_LOGGED_IN = "-ERR Not logged in.";
    static final String ALREADY_LOGGED_IN = "-ERR Already logged in.";
    static final String IN_USE = "-ERR [IN-USE] Mailbox is locked by another POP3 session.";
    static final String AUTH_CONTINUE = "+ ";
    static final String AUTH_CANCELLED = "-ERR Authentication cancelled.";
    static final String AUTH_UNKNOWN_MECHANISM = "-ERR Unsupported authentication mechanism.";
    static final String AUTH_INVALID_BASE64 = "-ERR Invalid base64 data.";
    static final String AUTH_USAGE = "-ERR Usage: AUTH mechanism [initial-response]";
    static final String UIDL_LIST = "+OK Unique-ID listing follows";
    static final String TOP = "+OK Top of message follows";
    static final String QUIT = "+OK Logging out.";
    static final String QUIT_DELETED = "+OK Logging out, messages deleted.";
    static final String LINE_TOO_LONG = "-ERR Exceed maximal line length";
    static final String RETR_USAGE = "-ERR Usage: RETR msg";
    static final String TOP_USAGE = "-ERR Usage: TOP msg n";

    private Replies() {
    }

    static String noSuchMessage(String msg) {
        return "-ERR There's no message " + msg + ".";
    }

    static String invalidMessageNumber(String argument) {
        return "-ERR Invalid message number: " + argument;
    }

    static String invalidLineCount(String argument) {
        return "-ERR Invalid line count: " + argument;
    }

    static String noiseAfterMessageNumber(String argument) {
        return "-ERR Noise after message number: " + argument;
    }

    static String noiseAfterLineCount(String argument) {
        return "-ERR Noise after line count: " + argument;
    }

    static String takesNoArguments(String command) {
        return "-ERR " + command + " takes no arguments.";
    }

    static String alreadyDeleted(int msg) {
        return "-ERR Message " + msg + " already deleted.";
    }

    static String noLongerAvailable(int msg) {
        return "-ERR [SYS/PERM] Message " + msg + " is no longer available.";
    }

    static String unknownCommand(String command) {
        return "-ERR Unknown command: " + command;
    }

    static String stat(int count, long octets) {
        return "+OK " + count + " " + octets;
    }

    static String list(int count, long octets) {
        return "+OK " + count + " messages (" + octets + " octets)";
    }

    static String listOne(int msg, long octets) {
        return "+OK " + msg + " " + octets;
    }

    static String uidlOne(int msg, String uidl) {
        return "+OK " + msg + " " + uidl;
    }

    static String retr(long octets) {
        return "+OK " + octets + " octets";
    }

    static String deleted(int msg) {
        return "+OK Message " + msg + " deleted.";
    }

    static String rset(int count, long octets) {
        return "+OK Maildrop has " + count + " messages (" + octets + " octets).";
    }
}
