package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;
import org.apache.james.protocols.pop3.POP3Response;

/** LIST and LIST msg: sizes in octets, equal to what RETR sends before dot-stuffing. */
public class ListCommand extends MessageCommand {
    @Inject
    public ListCommand(MetricFactory metricFactory) {
        super(metricFactory, "LIST");
    }

    @Override
    protected Response handle(POP3Session session, Transaction transaction, String argument) {
        if (hasArgument(argument)) {
            return withMessage(session, transaction, argument);
        }
        POP3Response response = new POP3Response(POP3Response.OK_RESPONSE,
            transaction.undeletedCount() + " messages (" + transaction.undeletedSize() + " octets)");
        for (int number = 1; number <= transaction.size(); number++) {
            if (!transaction.isDeleted(number)) {
                response.appendLine(number + " " + transaction.message(number).size());
            }
        }
        response.appendLine(".");
        return response;
    }

    @Override
    protected Response onMessage(POP3Session session, Transaction transaction, int number) {
        return Replies.ok(number + " " + transaction.message(number).size());
    }
}
