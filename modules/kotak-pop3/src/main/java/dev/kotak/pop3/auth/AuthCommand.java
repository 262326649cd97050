package dev.kotak.pop3.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.maildrop.KotakMailboxAdapterFactory;
import dev.kotak.pop3.protocol.Continuation;
import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * SASL AUTH (RFC 5034) with the PLAIN mechanism (RFC 4616), with or without initial response; {@code AUTH}
 * alone lists the mechanisms. Same login path, {@code #device} suffix, damping, lock and TLS rule as USER/PASS.
 */
public class AuthCommand extends LoginHandler {
    static final String PLAIN = "PLAIN";

    @Inject
    public AuthCommand(@Named("mailboxmanager") MailboxManager mailboxManager,
                       KotakMailboxAdapterFactory adapterFactory, MetricFactory metricFactory, Pop3Settings settings,
                       AuthFailureDamping damping, SessionLocks locks) {
        super(mailboxManager, adapterFactory, metricFactory, settings, damping, locks, "AUTH");
    }

    @Override
    protected Response handle(POP3Session session, String argument) {
        if (session.getHandlerState() == POP3Session.TRANSACTION) {
            return Replies.bad(Replies.ALREADY_LOGGED_IN);
        }
        boolean plaintextAllowed = PlaintextLogin.allowed(session, settings.current());
        if (argument == null || argument.trim().isEmpty()) {
            return plaintextAllowed
                ? Replies.rawLines(POP3Response.OK_RESPONSE, java.util.List.of("+OK", PLAIN, "."))
                : Replies.rawLines(POP3Response.OK_RESPONSE, java.util.List.of("+OK", "."));
        }
        String[] words = argument.trim().split(" +");
        if (words.length > 2) {
            return Replies.usage("AUTH mechanism [initial-response]");
        }
        if (!PLAIN.equals(words[0].toUpperCase(Locale.US))) {
            return Replies.bad("Unsupported authentication mechanism.");
        }
        if (!plaintextAllowed) {
            return PlaintextLogin.refusal(session);
        }
        if (words.length == 2) {
            return plain(session, words[1]);
        }
        Continuation.expect(session, (continued, line) -> "*".equals(line.trim())
            ? Replies.err("Authentication cancelled.")
            : plain(continued, line));
        return new POP3Response("+", "");
    }

    private Response plain(POP3Session session, String response) {
        SaslPlain.Result result = SaslPlain.decode(response);
        switch (result.problem()) {
            case INVALID_BASE64:
                return Replies.bad("Invalid base64 data.");
            case INVALID_MESSAGE:
                return Replies.bad("Invalid PLAIN response.");
            case AUTHZID_MISMATCH:
                return Replies.err("[AUTH] Authorization identity must be empty or equal to the user name.");
            default:
                break;
        }
        SaslPlain credentials = result.credentials();
        return login(session, credentials.login(), credentials.password());
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of("AUTH");
    }
}
