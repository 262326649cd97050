package dev.kotak.retention.audit;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.kotak.core.audit.AuditEvent;
import dev.kotak.core.audit.AuditLog;

/**
 * The audit sink until the audit issue brings tamper-evident ones: one INFO line per event on the logger
 * {@code kotak.audit}, which the shipped logback.xml writes to {@code logs/audit.log}. Each line starts with the
 * session's protocol and client address when there is a session ({@code protocol=POP3 ip=198.51.100.7}).
 *
 * <p>The events of one operation go out as one logging event of several lines: a POP3 {@code QUIT} of 520
 * messages reports 520 to 1,040 events, and logging them one by one (a write and a flush each) took 15 to 30 ms
 * of that {@code QUIT} (bench/pop3, retention mode).
 */
public class LoggingAuditLog implements AuditLog {
    private static final Logger LOGGER = LoggerFactory.getLogger("kotak.audit");

    @Override
    public void record(AuditEvent event) {
        recordAll(List.of(event));
    }

    @Override
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty() || !LOGGER.isInfoEnabled()) {
            return;
        }
        String context = context();
        StringBuilder lines = new StringBuilder(events.size() * 200);
        for (AuditEvent event : events) {
            if (lines.length() > 0) {
                lines.append(System.lineSeparator());
            }
            lines.append(context).append(event);
        }
        LOGGER.info("{}", lines);
    }

    private static String context() {
        StringBuilder context = new StringBuilder();
        for (String key : List.of("protocol", "ip")) {
            String value = MDC.get(key);
            if (value != null && !value.isEmpty()) {
                context.append(key).append('=').append(value).append(' ');
            }
        }
        return context.toString();
    }
}
