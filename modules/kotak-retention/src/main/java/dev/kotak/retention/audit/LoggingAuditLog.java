package dev.kotak.retention.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kotak.core.audit.AuditEvent;
import dev.kotak.core.audit.AuditLog;

/**
 * The audit sink until the audit issue brings tamper-evident ones: one INFO line per event on the logger
 * {@code kotak.audit}, so operators can route it to its own file in logback.xml.
 */
public class LoggingAuditLog implements AuditLog {
    private static final Logger LOGGER = LoggerFactory.getLogger("kotak.audit");

    @Override
    public void record(AuditEvent event) {
        LOGGER.info("{}", event);
    }
}
