package dev.kotak.pop3.protocol;

import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a session's replies back while a delayed reply is pending, without blocking any thread: James 3.8.1 has
 * no asynchronous response type, so the gate pushes itself as the session's line handler, queues what a
 * pipelining client sends meanwhile, and when the timer fires writes the delayed reply and then answers the
 * queued lines in order (each through the dispatcher, which may hold again).
 */
final class ReplyGate implements LineHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplyGate.class);
    static final ProtocolSession.AttachmentKey<ReplyGate> KEY =
        ProtocolSession.AttachmentKey.of("kotak.pop3.replyGate", ReplyGate.class);
    static final ProtocolSession.AttachmentKey<Boolean> CLOSED =
        ProtocolSession.AttachmentKey.of("kotak.pop3.closed", Boolean.class);
    /** A client pipelining more than this behind a failed login is abusive: the excess is dropped. */
    private static final int MAX_QUEUED_LINES = 1000;

    private final POP3Session session;
    private final KotakLineSource dispatcher;
    private final ReplyScheduler scheduler;
    private final Deque<byte[]> queued = new ArrayDeque<>();
    private boolean active;
    /** Set from the disconnect handler's thread, read by the timer's: volatile. */
    private volatile boolean closed;

    /** What the gate replays queued lines into: the dispatcher. */
    interface KotakLineSource {
        Response onLine(POP3Session session, byte[] line);
    }

    private ReplyGate(POP3Session session, KotakLineSource dispatcher, ReplyScheduler scheduler) {
        this.session = session;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
    }

    static ReplyGate of(POP3Session session, KotakLineSource dispatcher, ReplyScheduler scheduler) {
        return session.getAttachment(KEY, ProtocolSession.State.Connection).orElseGet(() -> {
            ReplyGate gate = new ReplyGate(session, dispatcher, scheduler);
            session.setAttachment(KEY, gate, ProtocolSession.State.Connection);
            return gate;
        });
    }

    /** Sends {@code delayed} later; until then (and until the queue is answered) lines are queued. */
    void hold(DelayedReply delayed) {
        synchronized (this) {
            if (!active) {
                active = true;
                session.pushLineHandler(this);
                transport().setReadable(false);
            }
        }
        scheduler.schedule(() -> release(delayed.reply()), delayed.delay());
    }

    @Override
    public Response onLine(POP3Session ignored, byte[] line) {
        synchronized (this) {
            if (active) {
                if (queued.size() < MAX_QUEUED_LINES) {
                    queued.addLast(line.clone());
                }
                return null;
            }
        }
        // The gate was popped while this line was on its way to it: answer it normally.
        return dispatcher.onLine(session, line);
    }

    private void release(Response reply) {
        if (closed || !write(reply) || reply.isEndSession()) {
            return;
        }
        try {
            while (true) {
                byte[] line;
                synchronized (this) {
                    line = queued.pollFirst();
                    if (line == null) {
                        active = false;
                        session.popLineHandler();
                        transport().setReadable(true);
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                Response response = dispatcher.onLine(session, line);
                if (response == KotakCommandDispatcher.NO_REPLY_YET) {
                    return; // held again: the next release goes on with the queue
                }
                if (!write(response) || (response != null && response.isEndSession())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Unable to answer POP3 commands queued behind a delayed reply; closing the connection", e);
            write(Response.DISCONNECT);
        }
    }

    /**
     * Writes from the timer thread. James's transport throws when the connection has meanwhile closed (its
     * pipeline is gone before our disconnect handler has run): that is the client leaving, not a server fault.
     */
    private boolean write(Response response) {
        if (response == null) {
            return true;
        }
        try {
            transport().writeResponse(response, session);
            return true;
        } catch (RuntimeException connectionGone) {
            LOGGER.debug("POP3 connection closed before a delayed reply could be sent", connectionGone);
            return false;
        }
    }

    private ProtocolTransport transport() {
        return ((ProtocolSessionImpl) session).getProtocolTransport();
    }

    static boolean isClosed(POP3Session session) {
        return session.getAttachment(CLOSED, ProtocolSession.State.Connection).orElse(false);
    }

    static void markClosed(POP3Session session) {
        session.setAttachment(CLOSED, true, ProtocolSession.State.Connection);
        session.getAttachment(KEY, ProtocolSession.State.Connection).ifPresent(gate -> gate.closed = true);
    }
}
