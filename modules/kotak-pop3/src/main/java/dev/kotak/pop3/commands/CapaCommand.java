package dev.kotak.pop3.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.pop3.Pop3Version;
import dev.kotak.pop3.auth.PlaintextLogin;
import dev.kotak.pop3.maildrop.MaildropPolicy;
import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * CAPA (RFC 2449), computed per session: USER and SASL only before login and only while plaintext login is
 * allowed; STLS only before login, on a listener offering it, before TLS (RFC 2595). Then the capabilities of
 * every other handler of the chain implementing James's {@link CapaCapability} (e.g. {@code EXPIRE}), and those
 * of the maildrop policy, in that order, each once ({@link CapabilityList}).
 *
 * <p>The policy's capabilities after login are the session's ({@link Transaction}); before login no session
 * has a maildrop yet, so the policy is injected to ask it for its user-independent ones.
 */
public class CapaCommand extends Pop3Command implements ExtensibleHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(CapaCommand.class);

    private final Pop3Settings settings;
    private final MaildropPolicy policy;
    private final String implementation;
    private List<CapaCapability> extensions = List.of();

    @Inject
    public CapaCommand(MetricFactory metricFactory, Pop3Settings settings, MaildropPolicy policy) {
        super(metricFactory, "CAPA");
        this.settings = settings;
        this.policy = policy;
        this.implementation = "IMPLEMENTATION Kotak " + Pop3Version.get();
    }

    @Override
    protected Response handle(POP3Session session, String argument) {
        if (hasArgument(argument)) {
            return Replies.noArguments("CAPA");
        }
        POP3Response response = new POP3Response(POP3Response.OK_RESPONSE, "Capability list follows");
        for (String capability : capabilities(session)) {
            response.appendLine(capability);
        }
        response.appendLine(".");
        return response;
    }

    List<String> capabilities(POP3Session session) {
        CapabilityList capabilities = new CapabilityList();
        capabilities.add("TOP");
        capabilities.add("UIDL");
        capabilities.add("RESP-CODES");
        capabilities.add("AUTH-RESP-CODE");
        capabilities.add("PIPELINING");
        boolean loggedIn = session.getHandlerState() == POP3Session.TRANSACTION;
        if (!loggedIn && PlaintextLogin.allowed(session, settings.current())) {
            capabilities.add("USER");
            capabilities.add("SASL PLAIN");
        }
        if (!loggedIn && session.isStartTLSSupported() && !session.isTLSStarted()) {
            capabilities.add("STLS");
        }
        capabilities.add(implementation);
        for (CapaCapability extension : extensions) {
            capabilities.addAll(extension.getImplementedCapabilities(session));
        }
        if (loggedIn) {
            Transaction.of(session).ifPresent(transaction ->
                capabilities.addAll(fromPolicy(() -> transaction.maildrop().capabilities())));
        } else {
            capabilities.addAll(fromPolicy(policy::capabilitiesBeforeLogin));
        }
        return capabilities.lines();
    }

    /** A failing policy loses its lines, not the client its CAPA answer. */
    private static List<String> fromPolicy(Supplier<List<String>> capabilities) {
        try {
            return capabilities.get();
        } catch (RuntimeException e) {
            LOGGER.warn("The POP3 maildrop policy failed to list its capabilities; CAPA goes without them", e);
            return List.of();
        }
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(CapaCapability.class);
    }

    @Override
    public void wireExtensions(Class<?> interfaceName, List<?> extension) throws WiringException {
        if (CapaCapability.class.equals(interfaceName)) {
            List<CapaCapability> wired = new ArrayList<>();
            for (Object handler : extension) {
                if (handler != this) {
                    wired.add((CapaCapability) handler);
                }
            }
            this.extensions = List.copyOf(wired);
        }
    }
}
