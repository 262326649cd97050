package dev.kotak.pop3.commands;

import java.io.IOException;
import java.io.InputStream;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3StreamResponse;
import org.apache.james.protocols.pop3.core.CRLFTerminatedInputStream;
import org.apache.james.protocols.pop3.core.ExtraDotInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.pop3.maildrop.MaildropMessage;
import dev.kotak.pop3.maildrop.MessageGoneException;
import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;

/** Streams a message for RETR and TOP: dot-stuffed, CRLF line ends, terminated by {@code .} (James's streams). */
final class MessageContent {
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageContent.class);

    private MessageContent() {
    }

    interface Shaper {
        InputStream shape(InputStream raw);
    }

    static Response send(Transaction transaction, int number, String okText, Shaper shaper) {
        MaildropMessage message = transaction.message(number);
        InputStream raw;
        try {
            raw = transaction.maildrop().content(message);
        } catch (MessageGoneException gone) {
            return Replies.err("[SYS/PERM] Message " + number + " is no longer available.");
        } catch (IOException e) {
            LOGGER.warn("Unable to read POP3 message {} ({})", number, message, e);
            return Replies.err("[SYS/TEMP] Unable to read message " + number + "; try again later.");
        }
        InputStream stuffed = new CRLFTerminatedInputStream(new ExtraDotInputStream(shaper.shape(raw)));
        return new POP3StreamResponse(POP3Response.OK_RESPONSE, okText, stuffed);
    }
}
