package dev.kotak.pop3.commands;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.MDCConstants;
import org.apache.james.util.MDCBuilder;

/**
 * Base of Kotak's POP3 command handlers: James's timer metric ({@code pop3-<command>}, the names stock James
 * uses, so dashboards keep working) and logging context around {@link #handle}. The MDC deliberately omits the
 * argument: for PASS and AUTH it is a credential.
 */
public abstract class Pop3Command implements CommandHandler<POP3Session> {
    private final MetricFactory metricFactory;
    private final String command;
    private final String metricName;

    protected Pop3Command(MetricFactory metricFactory, String command) {
        this.metricFactory = metricFactory;
        this.command = command;
        this.metricName = "pop3-" + command.toLowerCase(Locale.US);
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        return metricFactory.decorateSupplierWithTimerMetric(metricName, () ->
            MDCBuilder.withMdc(
                MDCBuilder.create()
                    .addToContext(MDCBuilder.ACTION, command)
                    .addToContext(MDCConstants.withSession(session)),
                () -> handle(session, request.getArgument())));
    }

    /** Answers the command; {@code argument} is the text after the command word, {@code null} if none. */
    protected abstract Response handle(POP3Session session, String argument);

    @Override
    public Collection<String> getImplCommands() {
        return Set.of(command);
    }

    protected static boolean hasArgument(String argument) {
        return argument != null && !argument.trim().isEmpty();
    }
}
