package dev.kotak.pop3.protocol;

import java.time.Duration;
import java.util.List;

import org.apache.james.protocols.api.Response;

/**
 * A reply to send only after {@link #delay()} (failed logins). Handlers return it like any response; the
 * {@code KotakCommandDispatcher} holds it without blocking a James worker thread. Result handlers (JMX, logs)
 * see the real code and lines.
 */
public final class DelayedReply implements Response {
    private final Response reply;
    private final Duration delay;

    public DelayedReply(Response reply, Duration delay) {
        this.reply = reply;
        this.delay = delay;
    }

    public Response reply() {
        return reply;
    }

    public Duration delay() {
        return delay;
    }

    @Override
    public String getRetCode() {
        return reply.getRetCode();
    }

    @Override
    public List<CharSequence> getLines() {
        return reply.getLines();
    }

    @Override
    public boolean isEndSession() {
        return reply.isEndSession();
    }
}
