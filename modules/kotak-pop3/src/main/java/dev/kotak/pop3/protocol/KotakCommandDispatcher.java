package dev.kotak.pop3.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.pop3.POP3Session;

import dev.kotak.pop3.settings.Pop3Config;
import dev.kotak.pop3.settings.Pop3Settings;

/**
 * James's command dispatcher plus the three things that must see every client line: SASL continuation lines
 * (fed to the pending {@link Continuation} rather than parsed as commands), the {@code badCommands} limits, and
 * delayed replies ({@link DelayedReply}, sent later through a {@link ReplyGate}).
 */
public class KotakCommandDispatcher extends CommandDispatcher<POP3Session> implements ReplyGate.KotakLineSource {
    /**
     * Returned to James when the reply is held: no lines, so nothing is written now. Not {@code null}, which
     * James's JMX line statistics cannot take.
     */
    static final Response NO_REPLY_YET = new Response() {
        @Override
        public String getRetCode() {
            return "";
        }

        @Override
        public List<CharSequence> getLines() {
            return List.of();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    };

    private static final ProtocolSession.AttachmentKey<BadCommandCounter> BAD_COMMANDS =
        ProtocolSession.AttachmentKey.of("kotak.pop3.badCommands", BadCommandCounter.class);

    private final Pop3Settings settings;
    private final ReplyScheduler scheduler;

    @Inject
    public KotakCommandDispatcher(Pop3Settings settings, ReplyScheduler scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
    }

    @Override
    public Response onLine(POP3Session session, byte[] line) {
        boolean loggedIn = session.getHandlerState() == POP3Session.TRANSACTION;
        Response response = session.removeAttachment(Continuation.KEY, ProtocolSession.State.Connection)
            .map(continuation -> continuation.onLine(session, continuationText(line)))
            .orElseGet(() -> super.onLine(session, line));
        response = accountBadCommand(session, response, loggedIn);
        if (response instanceof DelayedReply) {
            ReplyGate.of(session, this, scheduler).hold((DelayedReply) response);
            return NO_REPLY_YET;
        }
        return response;
    }

    private Response accountBadCommand(POP3Session session, Response response, boolean loggedIn) {
        if (response == null || response == NO_REPLY_YET) {
            return response;
        }
        BadCommandCounter counter = session.getAttachment(BAD_COMMANDS, ProtocolSession.State.Connection)
            .orElseGet(() -> {
                BadCommandCounter created = new BadCommandCounter();
                session.setAttachment(BAD_COMMANDS, created, ProtocolSession.State.Connection);
                return created;
            });
        Pop3Config config = settings.current();
        int limit = loggedIn ? config.badCommandsAfterLogin() : config.badCommandsBeforeLogin();
        if (counter.record(response instanceof BadCommandReply, limit)) {
            return Replies.closing(Replies.TOO_MANY_BAD_COMMANDS);
        }
        return response;
    }

    private static String continuationText(byte[] line) {
        String text = new String(line, StandardCharsets.US_ASCII);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
