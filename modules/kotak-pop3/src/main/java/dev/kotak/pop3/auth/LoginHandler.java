package dev.kotak.pop3.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.pop3server.core.PassCmdHandler;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.lib.POP3BeforeSMTPHelper;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.MDCConstants;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.pop3.maildrop.KotakMailboxAdapterFactory;
import dev.kotak.pop3.maildrop.Maildrop;
import dev.kotak.pop3.maildrop.Transaction;
import dev.kotak.pop3.protocol.ClientText;
import dev.kotak.pop3.protocol.DelayedReply;
import dev.kotak.pop3.protocol.Replies;
import dev.kotak.pop3.protocol.SessionState;
import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * The login path shared by PASS and AUTH. It extends James's {@link PassCmdHandler} to keep James's own
 * authentication ({@code MailboxManager.authenticate}, INBOX provisioning, the end of STARTTLS injection
 * detection) and give it Kotak's {@link KotakMailboxAdapterFactory}; everything around it is Kotak's: the
 * {@code #device} suffix, the policy's admission, the session lock, the login listing, response codes, and damped
 * failures.
 */
public abstract class LoginHandler extends PassCmdHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginHandler.class);
    private static final ProtocolSession.AttachmentKey<AtomicInteger> FAILURES =
        ProtocolSession.AttachmentKey.of("kotak.pop3.authFailures", AtomicInteger.class);

    private final MetricFactory metricFactory;
    private final String command;
    protected final Pop3Settings settings;
    private final AuthFailureDamping damping;
    private final SessionLocks locks;

    protected LoginHandler(MailboxManager mailboxManager, KotakMailboxAdapterFactory adapterFactory,
                           MetricFactory metricFactory, Pop3Settings settings, AuthFailureDamping damping,
                           SessionLocks locks, String command) {
        super(mailboxManager, adapterFactory, metricFactory);
        this.metricFactory = metricFactory;
        this.settings = settings;
        this.damping = damping;
        this.locks = locks;
        this.command = command;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        return metricFactory.decorateSupplierWithTimerMetric("pop3-" + command.toLowerCase(Locale.US), () ->
            MDCBuilder.withMdc(
                MDCBuilder.create()
                    .addToContext(MDCBuilder.ACTION, "AUTH")
                    .addToContext(MDCConstants.withSession(session)),
                () -> handle(session, request.getArgument())));
    }

    protected abstract Response handle(POP3Session session, String argument);

    /**
     * Checks the password and, if right and the policy admits the session, opens the maildrop and enters the
     * TRANSACTION state. A {@code #} suffix that is not a valid device name fails like a wrong password: the same
     * damped reply, counted for the same user, so that it tells a guesser nothing.
     */
    protected Response login(POP3Session session, LoginName name, String password) {
        if (!name.hasValidDevice()) {
            LOGGER.info("POP3 login as {} failed: '{}' is not a device name (1 to 32 of A-Z a-z 0-9 _ -, "
                + "starting with a letter or digit)", ClientText.sanitize(name.user()),
                ClientText.sanitize(name.suffix().orElse("")));
            return failure(session, name.user());
        }
        Username user;
        try {
            user = Username.of(name.user());
        } catch (IllegalArgumentException invalid) {
            return failure(session, name.user());
        }
        session.setUsername(user);
        Mailbox mailbox;
        try {
            mailbox = auth(session, user, password);
        } catch (Exception e) {
            LOGGER.warn("Unable to open the POP3 mailbox of {}", user.asString(), e);
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return Replies.err(Replies.MAILBOX_UNAVAILABLE);
        }
        if (mailbox == null) {
            return failure(session, user.asString());
        }
        Maildrop maildrop = (Maildrop) mailbox;
        maildrop.deviceNamed(name.device());
        Optional<Response> refusal = Admission.refusal(maildrop);
        if (refusal.isPresent()) {
            // Right password: not a failure for damping. Nothing is held yet (no lock, no listing).
            maildrop.close();
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return refusal.get();
        }
        return open(session, user, maildrop);
    }

    private Response open(POP3Session session, Username user, Maildrop maildrop) {
        Pop3Config config = settings.current();
        if (config.sessionLock() && !locks.tryAcquire(session, user.asString())) {
            maildrop.close();
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return Replies.err(Replies.IN_USE);
        }
        if (SessionState.isClosed(session)) {
            // A login replayed after a held reply, for a client that has gone meanwhile: keep no lock for it.
            locks.releaseHeld(session);
            maildrop.close();
            return Replies.err(Replies.MAILBOX_UNAVAILABLE);
        }
        try {
            maildrop.open();
        } catch (IOException e) {
            LOGGER.warn("Unable to list the POP3 mailbox of {}", user.asString(), e);
            locks.releaseHeld(session);
            maildrop.close();
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return Replies.err(Replies.MAILBOX_UNAVAILABLE);
        }
        session.setUserMailbox(maildrop);
        Transaction.begin(session, maildrop);
        session.setHandlerState(POP3Session.TRANSACTION);
        String address = address(session);
        damping.success(address);
        if (address != null) {
            POP3BeforeSMTPHelper.addIPAddress(address);
        }
        return Replies.ok(Replies.LOGGED_IN);
    }

    /** A failed login: held for the damping delay, and the last allowed one closes the connection. */
    protected Response failure(POP3Session session, String user) {
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        AtomicInteger failures = session.getAttachment(FAILURES, ProtocolSession.State.Connection)
            .orElseGet(() -> {
                AtomicInteger created = new AtomicInteger();
                session.setAttachment(FAILURES, created, ProtocolSession.State.Connection);
                return created;
            });
        Duration delay = damping.failure(address(session), user);
        Response reply = failures.incrementAndGet() >= settings.current().disconnectAfterAuthFailures()
            ? Replies.closing(Replies.AUTH_FAILED_CLOSING)
            : Replies.err(Replies.AUTH_FAILED);
        return new DelayedReply(reply, delay);
    }

    protected static String address(POP3Session session) {
        InetSocketAddress remote = session.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
