package dev.kotak.pop3.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.protocols.api.Response;

/**
 * Parses the arguments of LIST, UIDL, RETR, DELE ({@code msg}) and TOP ({@code msg n}) strictly, as RFC 1939
 * defines them: decimal digits only, no sign, nothing after the last argument. Each mistake gets its own
 * {@code -ERR} (texts after Dovecot's), never an exception.
 *
 * <p>Pure: a result is either the parsed numbers or the reply to send.
 */
public final class MessageArguments {
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** More than 9 digits cannot be a message number we hold (a session holds fewer than 10^9 messages). */
    private static final int MAX_MESSAGE_DIGITS = 9;

    private final int messageNumber;
    private final long lineCount;
    private final Response error;

    private MessageArguments(int messageNumber, long lineCount, Response error) {
        this.messageNumber = messageNumber;
        this.lineCount = lineCount;
        this.error = error;
    }

    /**
     * {@code msg} of RETR, DELE, LIST or UIDL.
     *
     * @param argument     the text after the command, {@code null} when there is none
     * @param messageCount the number of messages of the session (deleted ones included)
     */
    public static MessageArguments messageNumber(String command, String argument, int messageCount) {
        String[] words = words(argument);
        if (words.length == 0) {
            return failure(Replies.usage(command + " msg"));
        }
        if (words.length > 1) {
            return failure(Replies.bad("Noise after message number: " + ClientText.sanitize(rest(argument, 1))));
        }
        return number(words[0], messageCount, -1);
    }

    /** {@code msg n} of TOP; a line count beyond the body means the whole message. */
    public static MessageArguments top(String argument, int messageCount) {
        String[] words = words(argument);
        if (words.length < 2) {
            if (words.length == 1 && !DIGITS.matcher(words[0]).matches()) {
                return failure(invalidNumber(words[0]));
            }
            return failure(Replies.usage("TOP msg n"));
        }
        if (!DIGITS.matcher(words[0]).matches()) {
            return failure(invalidNumber(words[0]));
        }
        if (!DIGITS.matcher(words[1]).matches()) {
            return failure(Replies.bad("Invalid line count: " + ClientText.sanitize(words[1])));
        }
        if (words.length > 2) {
            return failure(Replies.bad("Noise after line count: " + ClientText.sanitize(rest(argument, 2))));
        }
        return number(words[0], messageCount, lines(words[1]));
    }

    public boolean isValid() {
        return error == null;
    }

    /** The reply to send instead of executing the command. */
    public Optional<Response> error() {
        return Optional.ofNullable(error);
    }

    /** 1-based message number, valid for this session. */
    public int messageNumber() {
        requireValid();
        return messageNumber;
    }

    /** TOP's line count, {@link Long#MAX_VALUE} for absurdly large ones. */
    public long lineCount() {
        requireValid();
        return lineCount;
    }

    private void requireValid() {
        if (error != null) {
            throw new IllegalStateException("invalid arguments: " + error.getLines());
        }
    }

    private static MessageArguments number(String word, int messageCount, long lineCount) {
        if (!DIGITS.matcher(word).matches()) {
            return failure(invalidNumber(word));
        }
        String digits = stripLeadingZeros(word);
        if (digits.length() > MAX_MESSAGE_DIGITS) {
            return failure(noSuchMessage(ClientText.sanitize(digits)));
        }
        int number = Integer.parseInt(digits);
        if (number == 0 || number > messageCount) {
            return failure(noSuchMessage(Integer.toString(number)));
        }
        return new MessageArguments(number, lineCount, null);
    }

    private static long lines(String digits) {
        String stripped = stripLeadingZeros(digits);
        return stripped.length() > 18 ? Long.MAX_VALUE : Long.parseLong(stripped);
    }

    private static Response invalidNumber(String word) {
        return Replies.bad("Invalid message number: " + ClientText.sanitize(word));
    }

    /** Not a bad command: the syntax is right, the message is not there (RFC 1939's own example). */
    private static Response noSuchMessage(String number) {
        return Replies.err("There's no message " + number + ".");
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String[] words(String argument) {
        if (argument == null || argument.trim().isEmpty()) {
            return new String[0];
        }
        return SPACES.split(argument.trim());
    }

    /** The argument text from word {@code index} on, as the client wrote it. */
    private static String rest(String argument, int index) {
        String[] words = SPACES.split(argument.trim(), index + 1);
        return words[index];
    }

    private static MessageArguments failure(Response error) {
        return new MessageArguments(0, 0, error);
    }
}
