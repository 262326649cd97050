package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;

/** RETR msg: {@code +OK n octets} and the message; the maildrop policy is told it was retrieved. */
public class RetrCommand extends MessageCommand {
    @Inject
    public RetrCommand(MetricFactory metricFactory) {
        super(metricFactory, "RETR");
    }

    @Override
    protected Response handle(POP3Session session, Transaction transaction, String argument) {
        return withMessage(session, transaction, argument);
    }

    @Override
    protected Response onMessage(POP3Session session, Transaction transaction, int number) {
        Response response = MessageContent.send(transaction, number,
            transaction.message(number).size() + " octets", raw -> raw);
        if (Replies.isOk(response)) {
            transaction.maildrop().retrieved(transaction.message(number));
        }
        return response;
    }
}
