package dev.kotak.pop3.commands;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.pop3.auth.SessionLocks;
import dev.kotak.pop3.maildrop.MaildropMessage;
import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;

/** QUIT: in TRANSACTION, the UPDATE state: the maildrop policy commits the session (RFC 1939: expunge DELE'd). */
public class QuitCommand extends Pop3Command {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuitCommand.class);

    private final SessionLocks locks;

    @Inject
    public QuitCommand(MetricFactory metricFactory, SessionLocks locks) {
        super(metricFactory, "QUIT");
        this.locks = locks;
    }

    @Override
    protected Response handle(POP3Session session, String argument) {
        if (hasArgument(argument)) {
            return Replies.noArguments("QUIT");
        }
        Optional<Transaction> transaction = Transaction.of(session);
        if (transaction.isEmpty()) {
            return Replies.okClosing("Logging out.");
        }
        List<MaildropMessage> deleted = transaction.get().deletedMessages();
        try {
            transaction.get().maildrop().commit(deleted);
        } catch (Exception e) {
            LOGGER.warn("POP3 UPDATE state failed for {}", session.getUsername(), e);
            return Replies.closing("[SYS/TEMP] Some deleted messages were not removed.");
        } finally {
            transaction.get().maildrop().close();
            locks.releaseHeld(session);
        }
        return Replies.okClosing(deleted.isEmpty() ? "Logging out." : "Logging out, messages deleted.");
    }
}
