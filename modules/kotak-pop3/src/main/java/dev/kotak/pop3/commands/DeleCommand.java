package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;

/** DELE msg: only marks the message; QUIT commits (RFC 1939 UPDATE state). */
public class DeleCommand extends MessageCommand {
    @Inject
    public DeleCommand(MetricFactory metricFactory) {
        super(metricFactory, "DELE");
    }

    @Override
    protected Response handle(POP3Session session, Transaction transaction, String argument) {
        return withMessage(session, transaction, argument);
    }

    @Override
    protected Response onMessage(POP3Session session, Transaction transaction, int number) {
        transaction.delete(number);
        return Replies.ok("Message " + number + " deleted.");
    }
}
