package dev.kotak.pop3.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Every WARN and ERROR event the server logs while attached to the root logger, whatever logback-test.xml the
 * class path holds: the fuzz test asserts on what the server said, not on a log file's layout.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    static LogCapture attach() {
        LogCapture capture = new LogCapture();
        capture.setName("pop3-fuzz-capture");
        capture.setContext(capture.root.getLoggerContext());
        capture.start();
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    /** Forgets what was logged so far (server start-up, set-up). */
    synchronized void clear() {
        events.clear();
    }

    synchronized List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (ILoggingEvent event : events) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                errors.add(describe(event));
            }
        }
        return errors;
    }

    /** Events of any level that carry a runtime exception: a handler bug a client triggered. */
    synchronized List<String> runtimeExceptions() {
        List<String> found = new ArrayList<>();
        for (ILoggingEvent event : events) {
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                if (isRuntimeException(t.getClassName())) {
                    found.add(describe(event));
                    break;
                }
            }
        }
        return found;
    }

    /** WARN and ERROR events counted by logger and message pattern, for the test's report. */
    synchronized Map<String, Integer> summary() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ILoggingEvent event : events) {
            String message = String.valueOf(event.getMessage());
            String key = event.getLevel() + " " + event.getLoggerName() + ": "
                + (message.length() > 100 ? message.substring(0, 100) + "..." : message);
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    private static boolean isRuntimeException(String className) {
        try {
            return RuntimeException.class.isAssignableFrom(Class.forName(className, false,
                LogCapture.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return className.endsWith("RuntimeException");
        }
    }

    private static String describe(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getLevel() + " [" + event.getThreadName() + "] "
            + event.getLoggerName() + " - " + event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append("\n    caused by ").append(t.getClassName()).append(": ").append(t.getMessage());
            if (t.getStackTraceElementProxyArray().length > 0) {
                text.append("\n      ").append(t.getStackTraceElementProxyArray()[0].getSTEAsString());
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
