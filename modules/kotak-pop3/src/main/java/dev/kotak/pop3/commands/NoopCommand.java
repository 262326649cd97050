package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;

/** NOOP. */
public class NoopCommand extends TransactionCommand {
    @Inject
    public NoopCommand(MetricFactory metricFactory) {
        super(metricFactory, "NOOP");
    }

    @Override
    protected Response handle(POP3Session session, Transaction transaction, String argument) {
        if (hasArgument(argument)) {
            return Replies.noArguments("NOOP");
        }
        return Replies.OK;
    }
}
