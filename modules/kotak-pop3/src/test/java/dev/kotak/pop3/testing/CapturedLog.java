package dev.kotak.pop3.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * WARN and ERROR events logged by the test's own thread while attached (handlers run synchronously in unit tests;
 * other threads' noise is ignored), whatever logback-test.xml the class path holds.
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final String thread = Thread.currentThread().getName();

    public static CapturedLog attach() {
        CapturedLog log = new CapturedLog();
        log.setName("pop3-unit-capture");
        log.setContext(log.root.getLoggerContext());
        log.start();
        log.root.addAppender(log);
        return log;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN) && thread.equals(event.getThreadName())) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    public synchronized List<ILoggingEvent> at(Level level) {
        return events.stream().filter(event -> event.getLevel().equals(level)).collect(Collectors.toList());
    }

    /** The class names of an event's throwable and its causes, outermost first. */
    public static List<String> causes(ILoggingEvent event) {
        List<String> names = new ArrayList<>();
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            names.add(t.getClassName());
        }
        return names;
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
