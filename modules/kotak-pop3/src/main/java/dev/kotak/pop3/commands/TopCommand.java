package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.MaildropMessage;
import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.MessageArguments;

/**
 * TOP msg n: the headers, the blank line and the first {@code n} body lines. A TOP that reaches the end of the
 * message (fetchmail's {@code TOP n 99999999}) counts as a retrieval for the maildrop policy.
 */
public class TopCommand extends TransactionCommand {
    @Inject
    public TopCommand(MetricFactory metricFactory) {
        super(metricFactory, "TOP");
    }

    @Override
    protected Response handle(POP3Session session, Transaction transaction, String argument) {
        MessageArguments arguments = MessageArguments.top(argument, transaction.size());
        if (!arguments.isValid()) {
            return arguments.error().orElseThrow();
        }
        int number = arguments.messageNumber();
        if (transaction.isDeleted(number)) {
            return MessageCommand.alreadyDeleted(number);
        }
        MaildropMessage message = transaction.message(number);
        return MessageContent.send(transaction, number, "Top of message follows",
            raw -> new TopInputStream(raw, arguments.lineCount(), () -> transaction.maildrop().retrieved(message)));
    }
}
