package dev.kotak.pop3.commands;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.MessageArguments;
import dev.kotak.pop3.protocol.Replies;

/** RETR, DELE, LIST n, UIDL n: one message number, which must name an undeleted message. */
public abstract class MessageCommand extends TransactionCommand {
    private final String command;

    protected MessageCommand(MetricFactory metricFactory, String command) {
        super(metricFactory, command);
        this.command = command;
    }

    protected Response withMessage(POP3Session session, Transaction transaction, String argument) {
        MessageArguments arguments = MessageArguments.messageNumber(command, argument, transaction.size());
        if (!arguments.isValid()) {
            return arguments.error().orElseThrow();
        }
        int number = arguments.messageNumber();
        if (transaction.isDeleted(number)) {
            return alreadyDeleted(number);
        }
        return onMessage(session, transaction, number);
    }

    protected abstract Response onMessage(POP3Session session, Transaction transaction, int number);

    static Response alreadyDeleted(int number) {
        return Replies.err("Message " + number + " already deleted.");
    }
}
