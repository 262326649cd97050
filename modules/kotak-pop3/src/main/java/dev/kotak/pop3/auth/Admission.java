package dev.kotak.pop3.auth;

import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.protocols.api.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.pop3.maildrop.LoginRefusal;
import dev.kotak.pop3.maildrop.Maildrop;
import dev.kotak.pop3.maildrop.MaildropContext;
import dev.kotak.pop3.maildrop.MaildropPolicy;
import dev.kotak.pop3.protocol.Replies;

/**
 * Turns the policy's {@link MaildropPolicy#admit} answer into a reply: nothing if admitted, {@code -ERR [CODE] text}
 * if refused, {@code -ERR [SYS/TEMP]} if the policy failed. Never throws: whatever a policy does, the client gets a
 * response code, not a stack trace, and the operator a WARN with the cause.
 */
final class Admission {
    private static final Logger LOGGER = LoggerFactory.getLogger(Admission.class);

    private Admission() {
    }

    /** The reply refusing the login of a user whose password was right, if the policy refuses it. */
    static Optional<Response> refusal(Maildrop maildrop) {
        Optional<LoginRefusal> refusal;
        try {
            refusal = maildrop.admit();
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("The POP3 maildrop policy failed to admit {}; answered [SYS/TEMP]", who(maildrop), e);
            return Optional.of(Replies.err(Replies.MAILBOX_UNAVAILABLE));
        }
        refusal.ifPresent(refused -> LOGGER.info("POP3 login of {} refused by the maildrop policy: {}",
            who(maildrop), refused));
        return refusal.map(refused -> Replies.err(refused.replyText()));
    }

    private static String who(Maildrop maildrop) {
        MaildropContext context = maildrop.context();
        return context.user().asString() + context.device().map(device -> " (device " + device + ")").orElse("");
    }
}
