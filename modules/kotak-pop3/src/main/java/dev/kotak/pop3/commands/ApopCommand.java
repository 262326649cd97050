package dev.kotak.pop3.commands;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.protocol.Replies;

/**
 * APOP is not offered: James stores hashed passwords, and APOP needs the clear one. The greeting carries no
 * timestamp, so clients do not try it; this answers those that do, as Dovecot does.
 */
public class ApopCommand extends Pop3Command {
    @Inject
    public ApopCommand(MetricFactory metricFactory) {
        super(metricFactory, "APOP");
    }

    @Override
    protected Response handle(POP3Session session, String argument) {
        return Replies.bad("APOP not enabled.");
    }
}
