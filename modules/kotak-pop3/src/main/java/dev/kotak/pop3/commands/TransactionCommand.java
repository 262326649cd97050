package dev.kotak.pop3.commands;

import java.util.Optional;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;

/** A command of the TRANSACTION state: answered with {@code -ERR Not logged in.} before login. */
public abstract class TransactionCommand extends Pop3Command {
    protected TransactionCommand(MetricFactory metricFactory, String command) {
        super(metricFactory, command);
    }

    @Override
    protected final Response handle(POP3Session session, String argument) {
        Optional<Transaction> transaction = Transaction.of(session);
        if (transaction.isEmpty()) {
            return Replies.bad(Replies.NOT_LOGGED_IN);
        }
        return handle(session, transaction.get(), argument);
    }

    protected abstract Response handle(POP3Session session, Transaction transaction, String argument);
}
