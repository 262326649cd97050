package dev.kotak.pop3.protocol;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;

/**
 * Every reply text of Kotak's POP3 handlers, in one place so that docs/pop3.md ("Replies") can be checked
 * against it. Response codes in brackets follow RFC 2449 and RFC 3206.
 */
public final class Replies {
    public static final String GREETING = "Kotak POP3 server ready.";
    public static final String LOGGED_IN = "Logged in.";
    public static final String AUTH_FAILED = "[AUTH] Authentication failed.";
    public static final String AUTH_FAILED_CLOSING =
        "[AUTH] Authentication failed; too many failures, closing the connection.";
    public static final String IN_USE = "[IN-USE] Mailbox is locked by another POP3 session.";
    public static final String MAILBOX_UNAVAILABLE = "[SYS/TEMP] Unable to open the mailbox; try again later.";
    public static final String PLAINTEXT_DISALLOWED_STLS =
        "[AUTH] Plaintext authentication disallowed on non-secure connections; use STLS first.";
    public static final String PLAINTEXT_DISALLOWED =
        "[AUTH] Plaintext authentication disallowed on non-secure connections.";
    public static final String ALREADY_LOGGED_IN = "Already logged in.";
    public static final String NOT_LOGGED_IN = "Not logged in.";
    public static final String TOO_MANY_BAD_COMMANDS = "Too many bad commands; closing the connection.";

    public static final Response OK = POP3Response.OK;

    private Replies() {
    }

    public static Response ok(String text) {
        return new POP3Response(POP3Response.OK_RESPONSE, text);
    }

    public static Response err(String text) {
        return new POP3Response(POP3Response.ERR_RESPONSE, text);
    }

    /** An {@code -ERR} counted as a bad command. */
    public static Response bad(String text) {
        return new BadCommandReply(text);
    }

    /** An {@code -ERR} after which the server closes the connection. */
    public static Response closing(String text) {
        POP3Response response = new POP3Response(POP3Response.ERR_RESPONSE, text);
        response.setEndSession(true);
        return response;
    }

    public static Response okClosing(String text) {
        POP3Response response = new POP3Response(POP3Response.OK_RESPONSE, text);
        response.setEndSession(true);
        return response;
    }

    public static Response noArguments(String command) {
        return bad(command + " takes no arguments.");
    }

    public static Response usage(String syntax) {
        return bad("Usage: " + syntax);
    }

    /** A reply written exactly as {@code lines} (James's POP3Response always joins the code to the first line). */
    public static Response rawLines(String retCode, java.util.List<String> lines) {
        java.util.List<CharSequence> copy = java.util.List.copyOf(lines);
        return new Response() {
            @Override
            public String getRetCode() {
                return retCode;
            }

            @Override
            public java.util.List<CharSequence> getLines() {
                return copy;
            }

            @Override
            public boolean isEndSession() {
                return false;
            }

            @Override
            public String toString() {
                return copy.toString();
            }
        };
    }

    public static boolean isOk(Response response) {
        return response != null && POP3Response.OK_RESPONSE.equals(response.getRetCode());
    }
}
