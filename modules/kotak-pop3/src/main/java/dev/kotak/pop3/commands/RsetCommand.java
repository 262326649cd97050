package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;

/**
 * RSET: unmarks every DELE. Unlike stock James it does not re-read the mailbox, so message numbers keep
 * meaning what they meant (RFC 1939: numbers are fixed for the session).
 */
public class RsetCommand extends TransactionCommand {
    @Inject
    public RsetCommand(MetricFactory metricFactory) {
        super(metricFactory, "RSET");
    }

    @Override
    protected Response handle(POP3Session session, Transaction transaction, String argument) {
        if (hasArgument(argument)) {
            return Replies.noArguments("RSET");
        }
        transaction.undeleteAll();
        return Replies.ok("Maildrop has " + transaction.undeletedCount() + " messages ("
            + transaction.undeletedSize() + " octets).");
    }
}
