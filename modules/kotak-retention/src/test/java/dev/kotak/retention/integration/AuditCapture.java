package dev.kotak.retention.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** The lines (one per audit event) the logger {@code kotak.audit} writes while attached (the in-process server shares this JVM's logback). */
final class AuditCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("kotak.audit");

    static AuditCapture attach() {
        AuditCapture capture = new AuditCapture();
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        // LoggingAuditLog writes the events of one operation as one logging event, a line each.
        lines.addAll(List.of(event.getFormattedMessage().split("\\R")));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
